import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_PDF_LETTER_BYTES, type HandlerMap, type PdfLetterCheck } from '../../../shared/contract';
import type { UploadStore } from '../uploads/upload-store';
import { addressPersonalisation } from '../templates/compose-message';
import type { CoreContext } from '../core-context';
import { PRECOMPILED_LETTER_TEMPLATE_ID } from '../database/migrations/005-letters-post-room';
import { UserError } from '../dispatch';
import { enqueueMessages, ONE_OFF_PRIORITY } from '../outbox/enqueue';
import { getOutboxMessage } from '../outbox/outbox-message-row';
import { countMessages } from '../outbox/outbox-queries';

const PDF_MAGIC = '%PDF';

/** The PDF's name and bytes: uploaded as a stream (web mode), or sent as base64 (the desktop's page, the command line). */
async function pdfFrom(
  args: { fileName?: string; contentBase64?: string; uploadId?: string },
  uploads: UploadStore | null,
): Promise<{ fileName: string; pdf: Buffer }> {
  if (args.uploadId !== undefined) {
    const uploaded = uploads?.get(args.uploadId);
    if (!uploaded)
      throw new UserError('Choose the letter again: notify-desk has restarted since it was chosen.', 'file-forgotten');
    if (uploaded.sizeBytes > MAX_PDF_LETTER_BYTES)
      throw new UserError('The file must be smaller than 5MB', 'file-too-large');
    return { fileName: uploaded.fileName, pdf: decodePdf(uploaded.fileName, await readFile(uploaded.path)) };
  }
  if (!args.fileName || !args.contentBase64) throw new UserError('Choose the letter as a PDF file.', 'no-file');
  return { fileName: args.fileName, pdf: decodePdf(args.fileName, Buffer.from(args.contentBase64, 'base64')) };
}

function decodePdf(fileName: string, bytes: Buffer): Buffer {
  if (!fileName.toLowerCase().endsWith('.pdf') || bytes.subarray(0, 1024).indexOf(PDF_MAGIC) === -1) {
    throw new UserError(`${fileName} is not a PDF. Choose the letter as a PDF file.`, 'not-a-pdf');
  }
  return bytes;
}

/** The problem Notify would refuse the letter for, as one message a person can act on. */
function refusal(check: PdfLetterCheck): string | null {
  const problem = check.problems[0];
  return problem ? `${problem.title}. ${problem.detail}` : null;
}

/** Letters the post room made itself, as PDFs: checked as Notify checks them, then queued for Notify as they are. */
export function createPdfLetterHandlers(
  ctx: CoreContext,
  afterQueue: () => void,
  uploads: UploadStore | null = null,
): Pick<HandlerMap, 'letters.checkPdf' | 'letters.sendPdf'> {
  const check = async (fileName: string, pdf: Buffer) => {
    // The check reads the PDF with pdf-lib, loaded only when a letter is checked.
    const { checkPdfLetter } = await import('../letters/pdf-letter-check');
    return checkPdfLetter(pdf, fileName, { workDir: join(ctx.dataDir, 'tmp'), allowInternational: true });
  };
  return {
    'letters.checkPdf': async (args) => {
      const { fileName, pdf } = await pdfFrom(args, uploads);
      return check(fileName, pdf);
    },
    'letters.sendPdf': async ({ postage, ...file }) => {
      ctx.policy.requireChannel('letter');
      const { fileName, pdf } = await pdfFrom(file, uploads);
      const checked = await check(fileName, pdf);
      const refused = refusal(checked);
      if (refused) throw new UserError(refused, checked.problems[0]?.code);
      const id = ctx.db.transaction(() => {
        const [queued] = enqueueMessages(ctx.db, [
          {
            type: 'letter',
            templateId: PRECOMPILED_LETTER_TEMPLATE_ID,
            templateVersion: 1,
            recipient: checked.addressLines.join(', '),
            personalisation: addressPersonalisation(checked.addressLines),
            renderedBody: '',
            renderedSubject: 'Pre-compiled PDF',
            priority: ONE_OFF_PRIORITY,
            createdBy: ctx.user,
          },
        ]);
        ctx.db
          .prepare(
            'INSERT INTO precompiled_letters (message_id, file_name, pdf, page_count, postage) VALUES (?, ?, ?, ?, ?)',
          )
          .run(queued, fileName, pdf, checked.pageCount, postage);
        return queued as string;
      })();
      ctx.events.emit('outbox.changed', { messageIds: [id], counts: countMessages(ctx.db) });
      afterQueue();
      return { message: getOutboxMessage(ctx.db, id), check: checked };
    },
  };
}
