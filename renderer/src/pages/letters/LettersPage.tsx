import { useCallback, useEffect, useState } from 'react';
import { useMay } from '../../access/access';
import type { LetterPrinter, LetterPrintGroup, LetterPrintProgress } from '../../../../shared/contract';
import { call, errorMessage, isDesktopApp, letterPdfDownloadUrl, subscribe } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { NotificationBanner } from '../../components/NotificationBanner';
import { Select } from '../../components/Select';
import { formatCount } from '../../format/numbers';
import { usePageTitle } from '../../hooks/usePageTitle';
import { newJobId } from '../import/useImportProgress';
import { LetterGroupsTable } from './LetterGroupsTable';
import { LetterRouteForm } from './LetterRouteForm';
import { PdfLetterUpload } from './PdfLetterUpload';

type Done =
  | { kind: 'saved'; fileName: string; letters: number }
  | { kind: 'printed'; printer: string; letters: number; job: string | null }
  | { kind: 'posted'; letters: number };

function describeDone(done: Done): string {
  const letters = `${formatCount(done.letters)} ${done.letters === 1 ? 'letter' : 'letters'}`;
  if (done.kind === 'saved') return `${letters} saved as one PDF, ready to print`;
  if (done.kind === 'printed') return `${letters} sent to ${done.printer}${done.job ? ` (job ${done.job})` : ''}`;
  return `${letters} marked as posted`;
}

/** The post room: batches of letters waiting to be printed, printed or saved as one PDF, then marked as posted. */
export function LettersPage() {
  const may = useMay();
  usePageTitle('Letters to print');
  const [groups, setGroups] = useState<LetterPrintGroup[] | null>(null);
  const [printers, setPrinters] = useState<LetterPrinter[]>([]);
  const [printer, setPrinter] = useState('');
  const [printersProblem, setPrintersProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<LetterPrintProgress | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  const load = useCallback(async () => {
    try {
      setGroups((await call('letters.groups', {})).groups);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void load();
    call('letters.printers', {})
      .then(({ printers: found }) => {
        setPrinters(found);
        setPrinter((found.find((candidate) => candidate.isDefault) ?? found[0])?.name ?? '');
      })
      .catch((error: unknown) => setPrintersProblem(errorMessage(error)));
    const stopProgress = subscribe('letters.progress', (event) =>
      setProgress((current) =>
        current !== null && current.jobId === event.jobId && !event.finished ? event : current,
      ),
    );
    const stopChanges = subscribe('outbox.changed', () => void load());
    return () => {
      stopProgress();
      stopChanges();
    };
  }, [load]);

  /** Runs one action; a print run's progress is followed by its job id. */
  async function act(work: (jobId: string) => Promise<Done>): Promise<void> {
    const jobId = newJobId();
    setProblem(null);
    setDone(null);
    setProgress({ jobId, done: 0, total: 0, finished: false });
    try {
      setDone(await work(jobId));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setProgress(null);
      await load();
    }
  }

  const download = (group: LetterPrintGroup) =>
    act(async (jobId) => {
      const saved = await call('letters.savePdf', { batchId: group.batchId, jobId });
      if (!isDesktopApp()) {
        const link = document.createElement('a');
        link.href = letterPdfDownloadUrl(saved.fileName);
        link.download = saved.fileName;
        link.click();
      }
      return { kind: 'saved', fileName: saved.fileName, letters: saved.letterCount };
    });
  const print = (group: LetterPrintGroup) =>
    act(async (jobId) => {
      const printed = await call('letters.print', { batchId: group.batchId, printer, jobId });
      return { kind: 'printed', printer: printed.printer, letters: printed.letterCount, job: printed.job };
    });
  const posted = (group: LetterPrintGroup) =>
    act(async () => ({
      kind: 'posted',
      letters: (await call('letters.markPosted', { batchId: group.batchId })).changed,
    }));

  return (
    <>
      <h1 className="govuk-heading-l">Letters to print</h1>
      {problem && <ErrorBanner message={problem} />}
      {done && (
        <NotificationBanner id="letters-done" heading={describeDone(done)} success>
          {done.kind === 'saved' &&
            (isDesktopApp() ? (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() =>
                  void call('letters.showPdf', { fileName: done.fileName }).catch((error: unknown) =>
                    setProblem(errorMessage(error)),
                  )
                }
              >
                Show the PDF in its folder
              </button>
            ) : (
              <p className="govuk-body">
                <a
                  className="govuk-notification-banner__link"
                  href={letterPdfDownloadUrl(done.fileName)}
                  download={done.fileName}
                >
                  Download {done.fileName} again
                </a>
              </p>
            ))}
        </NotificationBanner>
      )}
      {progress && (
        <p className="govuk-body" role="status">
          {progress.total > 0
            ? `Laying out the letters: ${formatCount(progress.done)} of ${formatCount(progress.total)}`
            : 'Laying out the letters…'}
        </p>
      )}
      {may('manage-providers') ? <LetterRouteForm onChanged={() => void load()} /> : null}
      {printersProblem ? (
        <p className="govuk-inset-text">{printersProblem}</p>
      ) : printers.length === 0 ? (
        <p className="govuk-inset-text">
          This computer has no printers set up. Download the letters as a PDF to print them, or ask IT to add the post
          room’s printer.
        </p>
      ) : (
        <Select
          id="letters-printer"
          label="Printer"
          value={printer}
          options={printers.map((known) => ({
            value: known.name,
            label: known.isDefault ? `${known.name} (default)` : known.name,
          }))}
          onChange={setPrinter}
        />
      )}
      {groups === null ? (
        <p className="govuk-body">Loading…</p>
      ) : groups.length === 0 ? (
        <p className="govuk-body">No letters are waiting to be printed or posted.</p>
      ) : (
        <LetterGroupsTable
          groups={groups}
          busy={progress !== null}
          canPrint={printer !== ''}
          onDownload={(group) => void download(group)}
          onPrint={(group) => void print(group)}
          onPosted={(group) => void posted(group)}
        />
      )}
      <PdfLetterUpload />
    </>
  );
}
