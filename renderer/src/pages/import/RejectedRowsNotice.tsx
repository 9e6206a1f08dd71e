import { useState } from 'react';
import { call, errorMessage, isDesktopApp, rejectedRowsDownloadUrl } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';

interface RejectedRowsNoticeProps {
  rows: number;
  /** Its name in the data folder's rejected-rows folder. */
  fileName: string;
}

/** The rows set aside, by the file's name, and a way to reach it: a download in a browser, the folder on the desktop. */
export function RejectedRowsNotice({ rows, fileName }: RejectedRowsNoticeProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const rowsWithProblems = `${rows.toLocaleString('en-GB')} ${rows === 1 ? 'row' : 'rows'} with problems`;

  async function showInFolder(): Promise<void> {
    setProblem(null);
    try {
      await call('imports.showRejectedRows', { fileName });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <>
      {problem && <ErrorBanner message={problem} />}
      <p className="govuk-body">
        {rowsWithProblems} {rows === 1 ? 'was' : 'were'} set aside in a spreadsheet, {fileName}, with an added error
        column. Correct them and import that file.
      </p>
      {isDesktopApp() ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void showInFolder()}>
          Show {fileName} in its folder
        </button>
      ) : (
        <p className="govuk-body">
          <a className="govuk-link" href={rejectedRowsDownloadUrl(fileName)} download={fileName}>
            Download the {rowsWithProblems} ({fileName})
          </a>
        </p>
      )}
    </>
  );
}
