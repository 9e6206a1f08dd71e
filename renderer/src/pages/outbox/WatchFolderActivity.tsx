import { useEffect, useState } from 'react';
import type { WatchFolder, WatchFolderFile } from '../../../../shared/contract';
import { call, subscribe } from '../../api/client';
import { TableHead } from '../../components/TableHead';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';

const FILES_SHOWN = 10;
const RELOAD_EVERY_MS = 300;

const stageWords = { reading: 'Reading', checking: 'Checking', queuing: 'Queuing' } as const;

function Outcome({ file }: { file: WatchFolderFile }) {
  if (file.state === 'failed') return <strong className="govuk-tag govuk-tag--red">Not queued</strong>;
  if (file.state === 'importing') return <strong className="govuk-tag govuk-tag--light-blue">Importing</strong>;
  return <strong className="govuk-tag govuk-tag--green">Queued</strong>;
}

function details(file: WatchFolderFile): string {
  if (file.state === 'importing') {
    return file.progress
      ? `${stageWords[file.progress.stage]}: ${formatCount(file.progress.rows)} rows so far`
      : 'Starting';
  }
  if (file.state === 'failed') return file.reason ?? '';
  const rejected =
    file.rejected > 0 ? `; ${formatCount(file.rejected)} ${file.rejected === 1 ? 'row' : 'rows'} set aside` : '';
  return `${formatCount(file.queued)} ${file.queued === 1 ? 'message' : 'messages'}${rejected}`;
}

/** The outbox's view of the watch folders: whether each is watched, the file being imported, and the last files taken. */
export function WatchFolderActivity() {
  const [folders, setFolders] = useState<WatchFolder[]>([]);
  const [files, setFiles] = useState<WatchFolderFile[]>([]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      // Someone without the permission to manage watch folders sees nothing here.
      Promise.all([call('watchFolders.list', {}), call('watchFolders.activity', { limit: FILES_SHOWN })]).then(
        ([listed, activity]) => {
          setFolders(listed.folders);
          setFiles(activity.files);
        },
        () => undefined,
      );
    };
    load();
    const stop = subscribe('watchFolders.file', () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        load();
      }, RELOAD_EVERY_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);

  if (folders.length === 0 && files.length === 0) return null;
  return (
    <section aria-labelledby="watch-folders-heading" data-testid="watch-folder-activity">
      <h2 className="govuk-heading-m" id="watch-folders-heading">
        Watch folders
      </h2>
      {folders.length > 0 && (
        <ul className="govuk-list">
          {folders.map((folder) => (
            <li key={folder.id}>
              {folder.folder} ({folder.templateName}):{' '}
              {folder.watching ? 'watching' : <span className="nd-last-error">{folder.problem ?? 'not watched'}</span>}
            </li>
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Files taken most recently</caption>
          <TableHead columns={['File', 'Outcome', 'Details', 'Taken']} />
          <tbody className="govuk-table__body">
            {files.map((file) => (
              <tr className="govuk-table__row" key={file.id} data-file-name={file.fileName}>
                <td className="govuk-table__cell">
                  {file.fileName}
                  <span className="govuk-body-s govuk-hint nd-block">{file.folder}</span>
                </td>
                <td className="govuk-table__cell">
                  <Outcome file={file} />
                </td>
                <td className="govuk-table__cell">{details(file)}</td>
                <td className="govuk-table__cell">{formatDateTime(file.finishedAt ?? file.startedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
