import { useEffect, useState } from 'react';
import type { RecordExportFormat, RecordExportProgress, RecordFilter } from '../../../../shared/contract';
import { call, CallError, errorMessage, startExportDownload, subscribe } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatCount } from '../../format/numbers';

interface ExportControlsProps {
  filter: RecordFilter;
  /** A batch report (Notify's batch columns) instead of the list. */
  batchId?: string;
  label: string;
}

type ExportState =
  | { kind: 'idle' }
  | { kind: 'running'; jobId: string; format: RecordExportFormat; progress: RecordExportProgress | null }
  | { kind: 'done'; text: string; downloadUrl: string | null; fileName: string };

/**
 * Exports what the page shows, in CSV or Excel: a progress bar and a cancel button while it runs; then the file is
 * downloaded (web mode) or saved where the person chose in the desktop app's own dialog.
 */
export function ExportControls({ filter, batchId, label }: ExportControlsProps) {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const runningJob = state.kind === 'running' ? state.jobId : null;

  useEffect(() => {
    if (!runningJob) return undefined;
    return subscribe('record.exportProgress', (event) => {
      if (event.jobId !== runningJob) return;
      setState((current) =>
        current.kind === 'running' && current.jobId === runningJob ? { ...current, progress: event } : current,
      );
    });
  }, [runningJob]);

  async function start(format: RecordExportFormat): Promise<void> {
    const jobId = crypto.randomUUID();
    setProblem(null);
    setState({ kind: 'running', jobId, format, progress: null });
    try {
      const result = await call('record.export', { filter, batchId, format, jobId });
      if (result.downloadPath) {
        const downloadUrl = startExportDownload(result.downloadPath, result.fileName);
        setState({
          kind: 'done',
          text: `${formatCount(result.rows)} rows exported.`,
          downloadUrl,
          fileName: result.fileName,
        });
      } else {
        setState(
          result.saved
            ? {
                kind: 'done',
                text: `${formatCount(result.rows)} rows saved as ${result.fileName}.`,
                downloadUrl: null,
                fileName: result.fileName,
              }
            : { kind: 'idle' },
        );
      }
    } catch (error) {
      setState({ kind: 'idle' });
      if (!(error instanceof CallError && error.code === 'export-cancelled')) setProblem(errorMessage(error));
      else setProblem(error.message);
    }
  }

  return (
    <div className="govuk-!-margin-bottom-6" data-testid="export-controls">
      {problem && <ErrorBanner message={problem} />}
      {state.kind === 'running' ? (
        <div aria-live="polite">
          <p className="govuk-body govuk-!-margin-bottom-1">
            Exporting: {formatCount(state.progress?.done ?? 0)}
            {state.progress ? ` of ${formatCount(state.progress.total)} rows` : ' rows'}
          </p>
          <progress
            className="import-progress"
            aria-label="Export progress"
            value={state.progress ? Math.min(state.progress.done, state.progress.total) : undefined}
            max={state.progress?.total || undefined}
            style={{ width: '100%', height: '1.5rem' }}
          />
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-top-2"
            onClick={() => void call('record.cancelExport', { jobId: state.jobId })}
          >
            Cancel export
          </button>
        </div>
      ) : (
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void start('csv')}>
            {label} (CSV)
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void start('xlsx')}>
            {label} (Excel)
          </button>
        </div>
      )}
      {state.kind === 'done' && (
        <p className="govuk-body" role="status">
          {state.text}{' '}
          {state.downloadUrl && (
            <a className="govuk-link" href={state.downloadUrl} download={state.fileName}>
              Download {state.fileName}
            </a>
          )}
        </p>
      )}
    </div>
  );
}
