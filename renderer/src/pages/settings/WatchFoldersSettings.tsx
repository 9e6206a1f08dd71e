import { useEffect, useState } from 'react';
import { timeOfDaySchema, type WatchFolder } from '../../../../shared/contract';
import { call, chooseWatchFolder, errorMessage, isDesktopApp } from '../../api/client';
import { Checkbox } from '../../components/Checkbox';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Select } from '../../components/Select';
import { TextInput } from '../../components/TextInput';
import { templateChoices } from '../../format/templateChoices';
import { useSubmission } from '../../hooks/useSubmission';
import { useStore } from '../../store/store';

const ids = {
  folder: 'watch-folder-choose',
  template: 'watch-folder-template',
  sendTime: 'watch-folder-send-time',
} as const;

interface Draft {
  /** Set when changing a saved watch folder. */
  id: string | null;
  /** The folder as the app's dialog returned it: its token to save with, and its path to show. */
  chosen: { folderToken: string; folder: string } | null;
  folder: string | null;
  templateId: string;
  excludeInvalid: boolean;
  sendTime: string;
}

const emptyDraft: Draft = { id: null, chosen: null, folder: null, templateId: '', excludeInvalid: false, sendTime: '' };

/** Settings → Watch folders: folders back-office systems drop spreadsheets into, each imported and queued as a batch. */
export function WatchFoldersSettings() {
  const templates = useStore((store) => store.templates);
  const [folders, setFolders] = useState<WatchFolder[] | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const { errors, problem, busy, submit } = useSubmission({ 'invalid-arguments': ids.sendTime });
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const desktop = isDesktopApp();
  const shownProblem = problem ?? loadProblem;

  const load = () =>
    call('watchFolders.list', {}).then(
      ({ folders: listed }) => setFolders(listed),
      (error: unknown) => setLoadProblem(errorMessage(error)),
    );
  useEffect(() => {
    void load();
  }, []);

  const choose = () =>
    submit([], async () => {
      const chosen = await chooseWatchFolder();
      if (chosen) setDraft((previous) => ({ ...previous, chosen, folder: chosen.folder }));
    });

  const save = () => {
    const sendTime = draft.sendTime.trim() === '' ? null : timeOfDaySchema.safeParse(draft.sendTime);
    const found: FieldError[] = [
      ...(draft.folder ? [] : [{ fieldId: ids.folder, message: 'Choose the folder to watch' }]),
      ...(draft.templateId ? [] : [{ fieldId: ids.template, message: 'Choose the template for its files' }]),
      ...(sendTime && !sendTime.success
        ? [{ fieldId: ids.sendTime, message: sendTime.error.issues[0]?.message ?? '' }]
        : []),
    ];
    return submit(found, async () => {
      await call('watchFolders.save', {
        id: draft.id ?? undefined,
        folderToken: draft.chosen?.folderToken,
        templateId: draft.templateId,
        excludeInvalid: draft.excludeInvalid,
        sendTime: draft.sendTime.trim() || null,
      });
      setDraft(emptyDraft);
      await load();
    });
  };

  const remove = (folder: WatchFolder) =>
    submit([], async () => {
      await call('watchFolders.remove', { id: folder.id });
      await load();
    });

  return (
    <section aria-labelledby="watch-folders-settings-heading">
      <h2 className="govuk-heading-m" id="watch-folders-settings-heading">
        Watch folders
      </h2>
      <p className="govuk-body">
        A back-office system can drop a spreadsheet (CSV or XLSX) into a watch folder. Once the file is complete, the
        desk imports it as the import page would, with the template chosen here, and queues it. The file then moves to
        the folder’s <code>done</code> folder with a report beside it, or to <code>failed</code> with the reason. The
        same file is never queued twice.
      </p>
      {shownProblem && <ErrorBanner message={shownProblem} />}
      {folders && folders.length > 0 && (
        <dl className="govuk-summary-list">
          {folders.map((folder) => (
            <div className="govuk-summary-list__row" key={folder.id}>
              <dt className="govuk-summary-list__key">{folder.folder}</dt>
              <dd className="govuk-summary-list__value">
                {folder.templateName}
                {folder.excludeInvalid ? ', rows with problems set aside' : ', a file with any problem is not queued'}
                {folder.sendTime ? `, sent at ${folder.sendTime}` : ''}
                <span className="govuk-body-s nd-block">
                  {folder.watching ? 'Watching' : <span className="nd-last-error">{folder.problem}</span>}
                </span>
              </dd>
              <dd className="govuk-summary-list__actions">
                <button
                  type="button"
                  className="govuk-link nd-link-button"
                  onClick={() =>
                    setDraft({
                      id: folder.id,
                      chosen: null,
                      folder: folder.folder,
                      templateId: folder.templateId,
                      excludeInvalid: folder.excludeInvalid,
                      sendTime: folder.sendTime ?? '',
                    })
                  }
                >
                  Change<span className="govuk-visually-hidden"> {folder.folder}</span>
                </button>{' '}
                <button
                  type="button"
                  className="govuk-link nd-link-button"
                  disabled={busy}
                  onClick={() => void remove(folder)}
                >
                  Stop watching<span className="govuk-visually-hidden"> {folder.folder}</span>
                </button>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <h3 className="govuk-heading-s">{draft.id ? 'Change a watch folder' : 'Add a watch folder'}</h3>
      <ErrorSummary errors={errors} />
      {desktop || draft.id ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <div className={`govuk-form-group${errorFor(errors, ids.folder) ? ' govuk-form-group--error' : ''}`}>
            <p className="govuk-body">{draft.folder ? `Folder: ${draft.folder}` : 'No folder chosen yet.'}</p>
            {errorFor(errors, ids.folder) && <p className="govuk-error-message">{errorFor(errors, ids.folder)}</p>}
            {desktop && (
              <button
                type="button"
                id={ids.folder}
                className="govuk-button govuk-button--secondary"
                disabled={busy}
                onClick={() => void choose()}
              >
                {draft.folder ? 'Choose another folder' : 'Choose a folder'}
              </button>
            )}
          </div>
          <Select
            id={ids.template}
            label="Template"
            value={draft.templateId}
            options={templateChoices(templates)}
            onChange={(templateId) => setDraft((previous) => ({ ...previous, templateId }))}
            error={errorFor(errors, ids.template)}
            hint="Columns are matched as on the import page, with the matches saved there for this template."
          />
          <Checkbox
            id="watch-folder-exclude-invalid"
            label="Queue the rows that can be sent and set the others aside"
            checked={draft.excludeInvalid}
            onChange={(excludeInvalid) => setDraft((previous) => ({ ...previous, excludeInvalid }))}
          />
          <TextInput
            id={ids.sendTime}
            label="Send at (optional)"
            hint="A time of day on the 24-hour clock, UK time, for example 09:30. Each file’s messages wait until the next such time. Leave empty to send as soon as a file is queued."
            value={draft.sendTime}
            onChange={(sendTime) => setDraft((previous) => ({ ...previous, sendTime }))}
            error={errorFor(errors, ids.sendTime)}
            widthClass="govuk-input--width-5"
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
              Save watch folder
            </button>
            {draft.id && (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => setDraft(emptyDraft)}
              >
                Cancel
              </button>
            )}
          </div>
        </form>
      ) : (
        <div className="govuk-inset-text">
          A folder to watch is chosen in the desktop app. Here in the browser, run{' '}
          <code>notify-desk watch FOLDER --template NAME</code> on this computer instead.
        </div>
      )}
    </section>
  );
}
