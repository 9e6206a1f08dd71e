import { useEffect, useState } from 'react';
import type { ColumnMapping, ImportRowPreview } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { EmailPreview } from '../../components/EmailPreview';

interface RowPreviewProps {
  fileId: string;
  sheet: string | undefined;
  templateId: string;
  mapping: ColumnMapping;
}

/**
 * Steps through the rows one at a time, each message exactly as it will be sent. The reader leaves out rows with
 * nothing in them, and the core answers a row number with the first row at or after it; so "next" asks for the
 * row after the one shown, and "previous" goes back along the row numbers already shown.
 */
export function RowPreview({ fileId, sheet, templateId, mapping }: RowPreviewProps) {
  const [shownRows, setShownRows] = useState<number[]>([]);
  const [position, setPosition] = useState(0);
  const [asked, setAsked] = useState(2);
  const [preview, setPreview] = useState<ImportRowPreview | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setLoading(true);
    call('imports.preview', { fileId, sheet, templateId, mapping, row: asked }).then(
      (result) => {
        if (!current) return;
        setPreview(result);
        setProblem(null);
        setShownRows((rows) => (rows[position] === result.row ? rows : [...rows.slice(0, position), result.row]));
        setLoading(false);
      },
      (error: unknown) => {
        if (!current) return;
        setProblem(errorMessage(error));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [fileId, sheet, templateId, mapping, asked, position]);

  function step(by: 1 | -1): void {
    const target = position + by;
    const known = shownRows[target];
    if (by === 1 && known === undefined && preview) setAsked(preview.row + 1);
    else if (known !== undefined) setAsked(known);
    else return;
    setPosition(target);
  }

  const total = preview?.rows ?? null;
  return (
    <section aria-labelledby="row-preview-heading">
      <h2 className="govuk-heading-m govuk-!-margin-bottom-1" id="row-preview-heading">
        Preview of row {preview?.row ?? asked}
      </h2>
      {total !== null && (
        <p className="govuk-caption-m">{`${(position + 1).toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`}</p>
      )}
      {problem && <p className="govuk-error-message">{problem}</p>}
      {preview && (
        <div className="govuk-inset-text" data-testid="row-preview">
          <p className="govuk-body govuk-!-font-weight-bold">To: {preview.recipient || '(no valid recipient)'}</p>
          {preview.rendered?.type === 'email' ? (
            <EmailPreview preview={preview.rendered} />
          ) : (
            <>
              {preview.subject && <p className="govuk-body">Subject: {preview.subject}</p>}
              <p className="govuk-body" style={{ whiteSpace: 'pre-wrap' }}>
                {preview.body}
              </p>
            </>
          )}
          {preview.fragments !== null && (
            <p className="govuk-hint">
              {preview.fragments === 1 ? '1 text message' : `${preview.fragments} text messages (fragments)`}
            </p>
          )}
          {preview.errors.map((error) => (
            <p className="govuk-error-message" key={`${error.column ?? ''}${error.message}`}>
              {error.column ? `${error.column}: ` : ''}
              {error.message}
            </p>
          ))}
        </div>
      )}
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={loading || position === 0}
          onClick={() => step(-1)}
        >
          Previous row
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={loading || total === null || position + 1 >= total}
          onClick={() => step(1)}
        >
          Next row
        </button>
      </div>
    </section>
  );
}
