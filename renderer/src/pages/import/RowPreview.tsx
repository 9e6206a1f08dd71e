import { useEffect, useState } from 'react';
import type { ColumnMapping, ImportRowPreview } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';

interface RowPreviewProps {
  fileId: string;
  sheet: string | undefined;
  templateId: string;
  mapping: ColumnMapping;
  /** Sheet row numbers of the first and last data rows. */
  rows: number;
}

/** Steps through the rows one at a time, each message exactly as it will be sent. */
export function RowPreview({ fileId, sheet, templateId, mapping, rows }: RowPreviewProps) {
  const [row, setRow] = useState(2);
  const [preview, setPreview] = useState<ImportRowPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    call('imports.preview', { fileId, sheet, templateId, mapping, row }).then(
      (result) => current && (setPreview(result), setProblem(null)),
      (error: unknown) => current && setProblem(errorMessage(error)),
    );
    return () => {
      current = false;
    };
  }, [fileId, sheet, templateId, mapping, row]);

  return (
    <section aria-labelledby="row-preview-heading">
      <h2 className="govuk-heading-m" id="row-preview-heading">
        Preview of row {preview?.row ?? row}
      </h2>
      {problem && <p className="govuk-body">{problem}</p>}
      {preview && (
        <div className="govuk-inset-text">
          <p className="govuk-body govuk-!-font-weight-bold">To: {preview.recipient || '(no valid recipient)'}</p>
          {preview.subject && <p className="govuk-body">Subject: {preview.subject}</p>}
          <p className="govuk-body" style={{ whiteSpace: 'pre-wrap' }}>{preview.body}</p>
          {preview.fragments !== null && <p className="govuk-hint">{preview.fragments === 1 ? '1 text message' : `${preview.fragments} text messages (fragments)`}</p>}
          {preview.errors.map((error) => (
            <p className="govuk-error-message" key={`${error.column ?? ''}${error.message}`}>
              {error.column ? `${error.column}: ` : ''}
              {error.message}
            </p>
          ))}
        </div>
      )}
      <div className="govuk-button-group">
        <button type="button" className="govuk-button govuk-button--secondary" disabled={row <= 2} onClick={() => setRow(Math.max(2, (preview?.row ?? row) - 1))}>
          Previous row
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" disabled={(preview?.row ?? row) >= rows + 1} onClick={() => setRow((preview?.row ?? row) + 1)}>
          Next row
        </button>
      </div>
    </section>
  );
}
