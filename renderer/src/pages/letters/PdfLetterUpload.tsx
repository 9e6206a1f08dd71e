import { useState } from 'react';
import { pdfLetterPostage, type PdfLetterCheck } from '../../../../shared/contract';
import { call, errorMessage, fileForCore } from '../../api/client';
import { NotificationBanner } from '../../components/NotificationBanner';
import { Radios } from '../../components/Radios';
import { readFileAsBase64 } from '../import/readFileAsBase64';

const postageLabels = { first: 'First class', second: 'Second class', economy: 'Economy' } as const;
type Postage = (typeof pdfLetterPostage)[number];

/** A letter the post room made as a PDF: checked as Notify checks it, then sent to Notify as it is. */
export function PdfLetterUpload() {
  const [file, setFile] = useState<Awaited<ReturnType<typeof fileForCore>> | null>(null);
  const [check, setCheck] = useState<PdfLetterCheck | null>(null);
  const [postage, setPostage] = useState<Postage>('second');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);

  async function choose(chosen: File): Promise<void> {
    setProblem(null);
    setCheck(null);
    setSent(null);
    setBusy(true);
    try {
      const source = await fileForCore(chosen, readFileAsBase64);
      setFile(source);
      setCheck(await call('letters.checkPdf', source));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function send(): Promise<void> {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const { message } = await call('letters.sendPdf', { ...file, postage });
      setSent(message.recipient);
      setCheck(null);
      setFile(null);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const errorId = 'pdf-letter-error';
  const problems = check?.problems ?? [];
  return (
    <section aria-labelledby="pdf-letter-heading">
      <h2 className="govuk-heading-m" id="pdf-letter-heading">
        Send a letter you made as a PDF
      </h2>
      <p className="govuk-body">
        Notify prints and posts it as it is. It must meet Notify’s letter specification: A4 portrait, 10 pages or less,
        the address in the envelope window.
      </p>
      {sent && <NotificationBanner id="pdf-letter-sent" heading={`Letter to ${sent} queued for Notify`} success />}
      <div className={`govuk-form-group${problem || problems.length > 0 ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-label--s" htmlFor="pdf-letter-file">
          Upload a PDF letter
        </label>
        {problem && (
          <p className="govuk-error-message" id={errorId}>
            <span className="govuk-visually-hidden">Error:</span> {problem}
          </p>
        )}
        {problems.map((found) => (
          <p className="govuk-error-message" id={errorId} key={found.code}>
            <span className="govuk-visually-hidden">Error:</span> {found.title}. {found.detail}
          </p>
        ))}
        <input
          className={`govuk-file-upload${problem || problems.length > 0 ? ' govuk-file-upload--error' : ''}`}
          id="pdf-letter-file"
          type="file"
          accept=".pdf,application/pdf"
          disabled={busy}
          aria-describedby={problem || problems.length > 0 ? errorId : undefined}
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            if (chosen) void choose(chosen);
            event.target.value = '';
          }}
        />
      </div>
      {busy && (
        <p className="govuk-body" role="status">
          Checking the letter as Notify would…
        </p>
      )}
      {check && problems.length === 0 && (
        <>
          <p className="govuk-body">
            Notify would accept {check.fileName} ({check.pageCount} {check.pageCount === 1 ? 'page' : 'pages'}), to:
          </p>
          <p className="govuk-inset-text" style={{ whiteSpace: 'pre-line' }}>
            {check.addressLines.join('\n')}
          </p>
          <Radios
            name="pdf-letter-postage"
            legend="Postage"
            value={postage}
            options={pdfLetterPostage.map((value) => ({ value, label: postageLabels[value] }))}
            onChange={(value) => setPostage(value as Postage)}
            inline
          />
          <button type="button" className="govuk-button" disabled={busy} onClick={() => void send()}>
            Send to Notify
          </button>
        </>
      )}
    </section>
  );
}
