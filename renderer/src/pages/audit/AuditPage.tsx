import { useEffect, useState } from 'react';
import type { AuditEntry, AuditVerification } from '../../../../shared/contract';
import { call, errorMessage, startExportDownload } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { NotificationBanner } from '../../components/NotificationBanner';
import { TableHead } from '../../components/TableHead';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { usePageTitle } from '../../hooks/usePageTitle';

const PAGE_SIZE = 100;

/** The audit trail for supervisors and administrators: newest first, checked link by link, and exported as CSV. */
export function AuditPage() {
  usePageTitle('Audit trail');
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [more, setMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(before?: number): Promise<void> {
    try {
      const page = await call('audit.list', { limit: PAGE_SIZE, before });
      setEntries((shown) => (before === undefined ? page.entries : [...shown, ...page.entries]));
      setVerification(page.verification);
      setMore(page.entries.length === PAGE_SIZE);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  async function exportTrail(): Promise<void> {
    setBusy(true);
    setProblem(null);
    setExported(null);
    try {
      const result = await call('audit.export', {});
      if (result.downloadPath) startExportDownload(result.downloadPath, result.fileName);
      if (result.downloadPath || result.saved)
        setExported(`${formatCount(result.rows)} entries exported as ${result.fileName}.`);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {problem && <ErrorBanner message={problem} />}
      {verification?.broken && (
        <NotificationBanner
          id="audit-broken-title"
          heading={`Entry ${verification.broken.seq} does not match the trail: ${verification.broken.reason}`}
        >
          <p className="govuk-body">
            Someone has changed the audit trail outside notify-desk. Tell IT: the {formatCount(verification.entries)}{' '}
            entries before it are intact.
          </p>
        </NotificationBanner>
      )}
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">
        Who changed how this desk sends, and who queued, stopped or exported what. Entries are only ever added, each
        chained to the one before, so a change made outside the desk shows.
      </p>
      {verification && !verification.broken && (
        <p className="govuk-body" data-testid="audit-verified">
          {verification.entries === 0
            ? 'Nothing has been recorded yet.'
            : verification.entries === 1
              ? 'The one entry is intact.'
              : `All ${formatCount(verification.entries)} entries are intact.`}
        </p>
      )}
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        disabled={busy}
        aria-disabled={busy}
        onClick={() => void exportTrail()}
      >
        Export the audit trail (CSV)
      </button>
      {exported && (
        <p className="govuk-body" role="status">
          {exported}
        </p>
      )}
      {entries.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Newest first</caption>
          <TableHead columns={['Number', 'When', 'Who', 'What']} />
          <tbody className="govuk-table__body">
            {entries.map((entry) => (
              <tr className="govuk-table__row" key={entry.seq}>
                <td className="govuk-table__cell">{entry.seq}</td>
                <td className="govuk-table__cell">{formatDateTime(entry.at)}</td>
                <td className="govuk-table__cell">{entry.actor}</td>
                <td className="govuk-table__cell">{entry.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => void load(entries.at(-1)?.seq)}
        >
          Show older entries
        </button>
      )}
    </>
  );
}
