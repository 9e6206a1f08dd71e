import type { LetterPrintGroup } from '../../../../shared/contract';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';

interface LetterGroupsTableProps {
  groups: LetterPrintGroup[];
  /** A print run is being laid out: every action waits for it. */
  busy: boolean;
  canPrint: boolean;
  onDownload: (group: LetterPrintGroup) => void;
  onPrint: (group: LetterPrintGroup) => void;
  onPosted: (group: LetterPrintGroup) => void;
}

/** Each import (and the letters sent one by one) with letters to print or to post, and what can be done with them. */
export function LetterGroupsTable({ groups, busy, canPrint, onDownload, onPrint, onPosted }: LetterGroupsTableProps) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Batches in the post room</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Letters
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Waiting to be printed
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Printed, not posted
          </th>
          <th scope="col" className="govuk-table__header">
            Actions
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {groups.map((group) => {
          const name = group.name;
          const printable = group.waitingToPrint > 0 || group.printed > 0;
          return (
            <tr className="govuk-table__row" key={group.batchId ?? 'one-by-one'} data-batch-id={group.batchId ?? ''}>
              <th scope="row" className="govuk-table__header">
                {name}
                {group.lastPrintedAt && (
                  <span className="govuk-body-s govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                    Last printed {formatDateTime(group.lastPrintedAt)} by {group.lastPrintedBy}
                  </span>
                )}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatCount(group.waitingToPrint)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatCount(group.printed)}</td>
              <td className="govuk-table__cell">
                <div className="govuk-button-group govuk-!-margin-bottom-0">
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                    disabled={busy || !printable}
                    onClick={() => onDownload(group)}
                  >
                    Download PDF<span className="govuk-visually-hidden"> of {name}</span>
                  </button>
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                    disabled={busy || !printable || !canPrint}
                    onClick={() => onPrint(group)}
                  >
                    Print<span className="govuk-visually-hidden"> {name}</span>
                  </button>
                  <button
                    type="button"
                    className="govuk-button govuk-!-margin-bottom-1"
                    disabled={busy || group.printed === 0}
                    onClick={() => onPosted(group)}
                  >
                    Mark as posted<span className="govuk-visually-hidden">: {name}</span>
                  </button>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
