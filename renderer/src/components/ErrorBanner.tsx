/** A problem that is not about a field, e.g. the core could not be reached. */
export function ErrorBanner({ message }: { message: string }) {
  return (
    <div className="govuk-error-summary" role="alert">
      <h2 className="govuk-error-summary__title">There is a problem</h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">{message}</p>
      </div>
    </div>
  );
}
