import { useEffect, useState } from 'react';
import {
  retentionHandlerArgs,
  type PurgeSummary,
  type RetentionSettings as Settings,
} from '../../../../shared/contract';
import { purgeSummaryLines } from '../../../../shared/purge-summary-words';
import { call, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { NotificationBanner } from '../../components/NotificationBanner';
import { SummaryListRow } from '../../components/SummaryList';
import { TextInput } from '../../components/TextInput';
import { formatCount } from '../../format/numbers';
import { useSubmission } from '../../hooks/useSubmission';

const ids = { personalDataDays: 'retention-personal-data-days', recordDays: 'retention-record-days' } as const;

/** A whole number as typed, or NaN (which the contract's schema refuses in words). */
const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

function SummaryLines({ summary }: { summary: PurgeSummary }) {
  return (
    <ul className="govuk-list">
      {purgeSummaryLines(summary).map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** Settings → how long the desk keeps personal data and records, set here or fixed by IT's policy file. */
export function RetentionSettings() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [draft, setDraft] = useState({ personalDataDays: '', recordDays: '' });
  const [preview, setPreview] = useState<PurgeSummary | null>(null);
  const [saved, setSaved] = useState(false);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const { errors, problem, busy, submit } = useSubmission({ 'fixed-by-policy': ids.personalDataDays });

  const show = (loaded: Settings) => {
    setSettings(loaded);
    setDraft({ personalDataDays: String(loaded.personalDataDays), recordDays: String(loaded.recordDays) });
  };
  useEffect(() => {
    call('retention.settings', {}).then(show, (error: unknown) => setLoadProblem(errorMessage(error)));
  }, []);

  const save = () => {
    setSaved(false);
    const parsed = retentionHandlerArgs['retention.save'].safeParse({
      personalDataDays: wholeNumber(draft.personalDataDays),
      recordDays: wholeNumber(draft.recordDays),
    });
    const found: FieldError[] = parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          fieldId: ids[issue.path[0] as keyof typeof ids],
          message: issue.message,
        }));
    return submit(found, async () => {
      if (!parsed.success) return;
      show(await call('retention.save', parsed.data));
      setPreview(null);
      setSaved(true);
    });
  };
  const purge = (dryRun: boolean) =>
    submit([], async () => {
      const summary = await call('retention.purge', { dryRun });
      setPreview(summary);
      if (!dryRun) show(await call('retention.settings', {}));
    });

  const shownProblem = problem ?? loadProblem;
  return (
    <section aria-labelledby="retention-settings-heading">
      <h2 className="govuk-heading-m" id="retention-settings-heading">
        How long the desk keeps data
      </h2>
      {saved && (
        <NotificationBanner
          id="retention-saved-title"
          success
          heading="The periods were saved. The next purge, daily or now, applies them."
        />
      )}
      <ErrorSummary errors={errors} />
      {shownProblem && <ErrorBanner message={shownProblem} />}
      <p className="govuk-body">
        Once a message has finished, its recipient, personalisation and content are erased after the personal-data
        period, as are received texts, uploaded spreadsheets, files of rows set aside, letter PDFs and files taken from
        watch folders of that age. Its template, status, times and cost stay, so the dashboard’s totals stay right.
        Whole records go after the record period. The desk purges when it starts and every day.
      </p>
      {settings && settings.fixedByPolicy && (
        <>
          <dl className="govuk-summary-list">
            <SummaryListRow label="Personal data">{formatCount(settings.personalDataDays)} days</SummaryListRow>
            <SummaryListRow label="Records">{formatCount(settings.recordDays)} days</SummaryListRow>
          </dl>
          <div className="govuk-inset-text">
            These periods are set by the policy file IT deployed on this computer, so they cannot be changed here.
          </div>
        </>
      )}
      {settings && !settings.fixedByPolicy && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <TextInput
            id={ids.personalDataDays}
            label="Days to keep personal data"
            hint={`After a message has finished. The desk’s default is ${formatCount(settings.defaults.personalDataDays)} days.`}
            value={draft.personalDataDays}
            onChange={(personalDataDays) => setDraft((previous) => ({ ...previous, personalDataDays }))}
            error={errorFor(errors, ids.personalDataDays)}
            widthClass="govuk-input--width-5"
            inputMode="numeric"
          />
          <TextInput
            id={ids.recordDays}
            label="Days to keep records"
            hint={`The desk’s default is ${formatCount(settings.defaults.recordDays)} days (7 years).`}
            value={draft.recordDays}
            onChange={(recordDays) => setDraft((previous) => ({ ...previous, recordDays }))}
            error={errorFor(errors, ids.recordDays)}
            widthClass="govuk-input--width-5"
            inputMode="numeric"
          />
          <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
            Save periods
          </button>
        </form>
      )}
      {settings && (
        <>
          <h3 className="govuk-heading-s">Purges</h3>
          {settings.lastPurge ? (
            <SummaryLines summary={settings.lastPurge} />
          ) : (
            <p className="govuk-body">No purge has run yet.</p>
          )}
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              disabled={busy}
              onClick={() => void purge(true)}
            >
              Check what a purge would remove now
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--warning"
              disabled={busy}
              onClick={() => void purge(false)}
            >
              Purge now
            </button>
          </div>
          <div aria-live="polite">{preview?.dryRun && <SummaryLines summary={preview} />}</div>
        </>
      )}
    </section>
  );
}
