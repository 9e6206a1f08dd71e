import { useEffect, useMemo, useRef, useState } from 'react';
import {
  MAX_IMPORT_FILE_BYTES,
  type ColumnMapping,
  type ImportCheckReport,
  type ImportFileInfo,
  type ImportQueueResult,
  type ImportStage,
} from '../../../../shared/contract';
import { call, chooseImportFileOnDesktop, errorMessage, fileForCore, isDesktopApp } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Select } from '../../components/Select';
import { usePageTitle } from '../../hooks/usePageTitle';
import { href } from '../../routing/route';
import { templateOptionLabel } from '../../format/templates';
import { useStore } from '../../store/store';
import { CheckReportView } from './CheckReportView';
import { MissingColumnsNotice } from './MissingColumnsNotice';
import { ColumnMappingTable } from './ColumnMappingTable';
import { FileChooser } from './FileChooser';
import { ImportProgressBar } from './ImportProgressBar';
import { ImportSummaryView } from './ImportSummaryView';
import { QueueForm, type QueueChoice } from './QueueForm';
import { readFileAsBase64 } from './readFileAsBase64';
import { RejectedRowsNotice } from './RejectedRowsNotice';
import { RowPreview } from './RowPreview';
import { newJobId, useImportProgress } from './useImportProgress';

/** Choose a template and a file, map its columns, check it, preview rows and queue it as one batch. */
export function ImportPage() {
  usePageTitle('Import a spreadsheet');
  const allTemplates = useStore((store) => store.templates);
  const templates = useMemo(() => allTemplates.filter((template) => !template.archived), [allTemplates]);
  const [templateId, setTemplateId] = useState('');
  const [file, setFile] = useState<ImportFileInfo | null>(null);
  const [sheet, setSheet] = useState<string | undefined>();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [report, setReport] = useState<ImportCheckReport | null>(null);
  const [queued, setQueued] = useState<ImportQueueResult | null>(null);
  const [job, setJob] = useState<{ id: string; stage: ImportStage; total: number | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const progress = useImportProgress(job?.id ?? null);
  const cancelled = useRef<string | null>(null);

  const chosenSheet =
    file?.sheets.find((candidate) => candidate.name === sheet) ??
    (file?.sheets.length === 1 ? file.sheets[0] : undefined);
  const sheetArg = file?.kind === 'xlsx' ? chosenSheet?.name : undefined;
  // Until every placeholder has a column, the page says only what is missing: no counts, no preview, nothing to queue.
  const mappingIncomplete = (report?.missingColumns.length ?? 0) > 0;
  const fields = useMemo(
    () => report?.columns.flatMap((column) => (column.placeholder ? [column.placeholder] : [])) ?? [],
    [report],
  );

  useEffect(() => {
    setReport(null);
    if (!templateId) return;
    call('imports.mapping', { templateId }).then(
      ({ mapping: remembered }) => setMapping(remembered),
      () => setMapping({}),
    );
  }, [templateId]);

  /** Cancel before the core knows the job (a web page still sending the file) drops the answer when it comes. */
  async function run<T>(
    stage: ImportStage,
    total: number | null,
    work: (jobId: string) => Promise<T>,
    keepAfterCancel = false,
  ): Promise<T | null> {
    const id = newJobId();
    setJob({ id, stage, total });
    setProblem(null);
    try {
      const result = await work(id);
      if (cancelled.current === id && !keepAfterCancel) {
        setProblem(cancelledMessage);
        return null;
      }
      return result;
    } catch (error) {
      setProblem(errorMessage(error));
      return null;
    } finally {
      setJob(null);
    }
  }

  function cancel(jobId: string): void {
    cancelled.current = jobId;
    void call('imports.cancel', { jobId });
  }

  /** A file picked or dropped in the page travels as bytes; the desktop's own dialog hands the file to the core. */
  async function chooseFile(chosen: File | 'desktop-dialog'): Promise<void> {
    setFile(null);
    setReport(null);
    setQueued(null);
    if (chosen !== 'desktop-dialog' && chosen.size > MAX_IMPORT_FILE_BYTES) {
      setProblem(
        `${chosen.name} is larger than 150 MB, the largest file notify-desk reads. Split it into smaller files.`,
      );
      return;
    }
    const info = await run('reading', null, async (jobId) =>
      chosen === 'desktop-dialog'
        ? chooseImportFileOnDesktop(jobId)
        : call('imports.inspect', { jobId, source: await fileForCore(chosen, readFileAsBase64) }),
    );
    if (!info) return;
    setFile(info);
    const visible = info.sheets.filter((candidate) => !candidate.hidden);
    setSheet(visible.length === 1 ? visible[0]?.name : info.sheets.length === 1 ? info.sheets[0]?.name : undefined);
  }

  async function check(withMapping: ColumnMapping = mapping): Promise<void> {
    if (!file || !templateId) return;
    const result = await run('checking', chosenSheet?.rowCount ?? null, (jobId) =>
      call('imports.check', { jobId, fileId: file.fileId, sheet: sheetArg, templateId, mapping: withMapping }),
    );
    setReport(result);
  }

  /** A column chosen for a placeholder is checked at once: the page then says what is still missing, or what the file will send. */
  function changeMapping(next: ColumnMapping): void {
    setMapping(next);
    void check(next);
  }

  async function queue(choice: QueueChoice): Promise<void> {
    if (!file || !templateId) return;
    const result = await run(
      'queuing',
      report?.rows ?? null,
      (jobId) => call('imports.queue', { jobId, fileId: file.fileId, sheet: sheetArg, templateId, mapping, ...choice }),
      true,
    );
    if (result) {
      setQueued(result);
      setReport(result.report);
    }
  }

  if (queued?.batchId) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">
            {queued.queued.toLocaleString('en-GB')} {queued.queued === 1 ? 'message' : 'messages'} queued
          </h1>
          <div className="govuk-panel__body">They are in the outbox as one batch.</div>
        </div>
        {queued.rejectedRowsFileName && (
          <RejectedRowsNotice rows={queued.rejected} fileName={queued.rejectedRowsFileName} />
        )}
        <p className="govuk-body">
          <a className="govuk-link" href={href('outbox')}>
            Go to the outbox
          </a>{' '}
          or{' '}
          <a
            className="govuk-link"
            href={href('import')}
            onClick={() => {
              setQueued(null);
              setFile(null);
              setReport(null);
            }}
          >
            import another file
          </a>
        </p>
      </>
    );
  }

  return (
    <>
      <h1 className="govuk-heading-l">Import a spreadsheet</h1>
      {problem && <ErrorBanner message={problem} />}
      <Select
        id="import-template"
        label="Template"
        value={templateId}
        onChange={(id) => setTemplateId(id)}
        options={[
          { value: '', label: 'Choose a template' },
          ...templates.map((template) => ({ value: template.id, label: templateOptionLabel(template) })),
        ]}
      />
      {templateId && (
        <FileChooser
          onFile={(chosen) => void chooseFile(chosen)}
          onChooseInDialog={isDesktopApp() ? () => void chooseFile('desktop-dialog') : undefined}
          disabled={job !== null}
          loaded={file !== null}
        />
      )}
      {job && (
        <ImportProgressBar progress={progress} stage={job.stage} total={job.total} onCancel={() => cancel(job.id)} />
      )}
      {file && templateId && (
        <>
          <p className="govuk-body">
            {file.fileName}:{' '}
            {chosenSheet
              ? `${chosenSheet.rowCount.toLocaleString('en-GB')} ${chosenSheet.rowCount === 1 ? 'row' : 'rows'}`
              : `${file.sheets.length} sheets`}
          </p>
          {file.importedToday && (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>A file with the same content (
                {file.importedToday.fileName}) was already imported today.
              </strong>
            </div>
          )}
          {file.sheets.length > 1 && (
            <Select
              id="import-sheet"
              label="Sheet"
              value={sheet ?? ''}
              onChange={(name) => {
                setSheet(name || undefined);
                setReport(null);
              }}
              options={[
                { value: '', label: 'Choose a sheet' },
                ...file.sheets.map((candidate) => ({
                  value: candidate.name,
                  label: `${candidate.name} (${candidate.rowCount.toLocaleString('en-GB')} rows)`,
                })),
              ]}
            />
          )}
          {report && mappingIncomplete && <MissingColumnsNotice missing={report.missingColumns} />}
          {report && (
            <ColumnMappingTable
              columns={report.columns}
              fields={[...new Set([...fields, ...report.missingColumns])]}
              mapping={mapping}
              onChange={changeMapping}
            />
          )}
          <button
            type="button"
            className="govuk-button"
            disabled={job !== null || (file.sheets.length > 1 && !sheetArg)}
            onClick={() => void check()}
          >
            {report ? 'Check again' : 'Check the file'}
          </button>
        </>
      )}
      {report && file && !mappingIncomplete && (
        <>
          <CheckReportView report={report} />
          {report.valid > 0 && (
            <RowPreview
              key={`${file.fileId}:${sheetArg ?? ''}`}
              fileId={file.fileId}
              sheet={sheetArg}
              templateId={templateId}
              mapping={mapping}
            />
          )}
          {report.valid > 0 && <ImportSummaryView report={report} />}
          <QueueForm report={report} busy={job !== null} onQueue={(choice) => void queue(choice)} />
        </>
      )}
    </>
  );
}

const cancelledMessage = 'The import was cancelled. Nothing was queued.';
