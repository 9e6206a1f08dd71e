import type { ImportProgress } from '../../../../shared/contract';

const stageLabels = { reading: 'Reading the file', checking: 'Checking rows', queuing: 'Queuing messages' } as const;

/** A progress bar for the running stage, with a cancel button. */
export function ImportProgressBar({
  progress,
  stage,
  total,
  onCancel,
}: {
  progress: ImportProgress | null;
  stage: keyof typeof stageLabels;
  total: number | null;
  onCancel: () => void;
}) {
  const done = progress?.done ?? 0;
  const max = total ?? progress?.total ?? null;
  return (
    <div className="govuk-!-margin-bottom-6" aria-live="polite">
      <p className="govuk-body govuk-!-margin-bottom-1">
        {stageLabels[progress?.stage ?? stage]}: {done.toLocaleString('en-GB')}
        {max ? ` of ${max.toLocaleString('en-GB')} rows` : ' rows'}
      </p>
      <progress
        className="import-progress"
        value={max ? Math.min(done, max) : undefined}
        max={max ?? undefined}
        style={{ width: '100%', height: '1.5rem' }}
      >
        {done}
      </progress>
      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-top-2" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
