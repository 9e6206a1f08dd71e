import { useEffect, useRef } from 'react';

export interface FieldError {
  /** The id of the field the error is about; the summary links to it. */
  fieldId: string;
  message: string;
}

/** GOV.UK error summary: takes focus when it appears, each entry moves focus to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const summary = useRef<HTMLDivElement>(null);
  const errorKey = errors.map((error) => `${error.fieldId}:${error.message}`).join('|');

  useEffect(() => {
    if (errorKey) summary.current?.focus();
  }, [errorKey]);

  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" ref={summary} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.fieldId}:${error.message}`}>
                <a
                  href={`#${error.fieldId}`}
                  onClick={(event) => {
                    // In-page anchors would change the app's hash route: move focus instead.
                    event.preventDefault();
                    const field = document.getElementById(error.fieldId);
                    field?.focus();
                    field?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {error.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function errorFor(errors: FieldError[], fieldId: string): string | undefined {
  return errors.find((error) => error.fieldId === fieldId)?.message;
}
