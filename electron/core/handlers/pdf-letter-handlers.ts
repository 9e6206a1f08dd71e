import { join } from 'node:path';
import type { HandlerMap, PdfLetterCheck } from '../../../shared/contract';
import { addressPersonalisation } from '../templates/compose-message';
import type { CoreContext } from '../core-context';
import { PRECOMPILED_LETTER_TEMPLATE_ID } from '../database/migrations/005-letters-post-room';
import { UserError } from '../dispatch';
import { checkPdfLetter } from '../letters/pdf-letter-check';
import { enqueueMessages, ONE_OFF_PRIORITY } from '../outbox/enqueue';
import { getOutboxMessage } from '../outbox/outbox-message-row';
import { countMessages } from '../outbox/outbox-queries';

const PDF_MAGIC = '%PDF';

function decodePdf(fileName: string, contentBase64: string): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
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
export function createPdfLetterHandlers(ctx: CoreContext, afterQueue: () => void): Pick<HandlerMap, 'letters.checkPdf' | 'letters.sendPdf'> {
  const check = (fileName: string, pdf: Buffer) =>
    checkPdfLetter(pdf, fileName, { workDir: join(ctx.dataDir, 'tmp'), allowInternational: true });
  return {
    'letters.checkPdf': async ({ fileName, contentBase64 }) => check(fileName, decodePdf(fileName, contentBase64)),
    'letters.sendPdf': async ({ fileName, contentBase64, postage }) => {
      ctx.policy.requireChannel('letter');
      const pdf = decodePdf(fileName, contentBase64);
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
          .prepare('INSERT INTO precompiled_letters (message_id, file_name, pdf, page_count, postage) VALUES (?, ?, ?, ?, ?)')
          .run(queued, fileName, pdf, checked.pageCount, postage);
        return queued as string;
      })();
      ctx.events.emit('outbox.changed', { messageIds: [id], counts: countMessages(ctx.db) });
      afterQueue();
      return { message: getOutboxMessage(ctx.db, id), check: checked };
    },
  };
}
