import type { ImportCheckReport } from '../../../../shared/contract';
import { SummaryListRow } from '../../components/SummaryList';
import { formatCount } from '../../format/numbers';
import { TableHead } from '../../components/TableHead';

/** The check report in Notify's manner: each problem by row and cell, and the warnings (the daily limit is in the summary). Shown once every placeholder has a column. */
export function CheckReportView({ report }: { report: ImportCheckReport }) {
  const shownErrors = report.errors.length;
  const totalErrors = report.errorCounts.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <>
      {report.fileError && (
        <div className="govuk-error-summary" role="alert">
          <h2 className="govuk-error-summary__title">This file cannot be imported</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{report.fileError}</p>
          </div>
        </div>
      )}
      <dl className="govuk-summary-list">
        <SummaryListRow label="Rows">{formatCount(report.rows)}</SummaryListRow>
        <SummaryListRow label="Ready to send">{formatCount(report.valid)}</SummaryListRow>
        <SummaryListRow label="With problems">{formatCount(report.invalid)}</SummaryListRow>
      </dl>
      {report.warnings
        .filter((warning) => warning.kind !== 'daily-limit')
        .map((warning) => (
          <div className="govuk-warning-text" key={warning.kind}>
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              {warning.message}
              {warning.rows.length > 0 &&
                ` Rows ${warning.rows.join(', ')}${warning.count > warning.rows.length ? ' and more' : ''}.`}
            </strong>
          </div>
        ))}
      {shownErrors > 0 && (
        <>
          <h2 className="govuk-heading-m">
            There {totalErrors === 1 ? 'is a problem' : `are ${formatCount(totalErrors)} problems`} in your file
          </h2>
          <ul className="govuk-list">
            {report.errorCounts.map((entry) => (
              <li key={entry.message}>
                {formatCount(entry.count)} × {entry.message}
              </li>
            ))}
          </ul>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">
              {totalErrors > shownErrors ? `The first ${shownErrors} problems` : 'Problems'}
            </caption>
            <TableHead columns={['Row', 'Column', 'Problem']} />
            <tbody className="govuk-table__body">
              {report.errors.map((error, index) => (
                <tr className="govuk-table__row" key={`${error.row}-${error.column ?? ''}-${index}`}>
                  <td className="govuk-table__cell">{error.row}</td>
                  <td className="govuk-table__cell">{error.column ?? '–'}</td>
                  <td className="govuk-table__cell">{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
