/** While the mapping is incomplete: what is missing, and that choosing a column in the table below fixes it. */
export function MissingColumnsNotice({ missing }: { missing: readonly string[] }) {
  const one = missing.length === 1;
  return (
    <div className="govuk-error-summary" role="alert" data-testid="missing-columns">
      <h2 className="govuk-error-summary__title">
        {one ? 'Choose the column for a placeholder' : 'Choose the columns for some placeholders'}
      </h2>
      <div className="govuk-error-summary__body">
        <p className="govuk-body">No column of your file is matched to:</p>
        <ul className="govuk-list govuk-list--bullet">
          {missing.map((name) => (
            <li key={name}>(({name}))</li>
          ))}
        </ul>
        <p className="govuk-body">
          In the table below, choose the column that fills {one ? 'it' : 'each one'}. Nothing is counted or sent until{' '}
          {one ? 'it has' : 'they have'} a column.
        </p>
      </div>
    </div>
  );
}
