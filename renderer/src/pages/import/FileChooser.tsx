import { useEffect, useRef, useState } from 'react';

const accept = '.csv,.tsv,.txt,.xlsx,.xlsm,.ods,.xls';

/**
 * A file picker that also takes a file dropped on it. In the desktop app the picker is the system's own dialog,
 * shown by the app (`onChooseInDialog`), so that the file is read where it is rather than copied through the page.
 * The input keeps showing the file that was loaded, and is emptied when a file could not be loaded; choosing again
 * (even the same file, saved since) loads it again, and cancelling the picker keeps the one that was there.
 */
export function FileChooser({
  onFile,
  onChooseInDialog,
  disabled,
  loaded,
}: {
  onFile: (file: File) => void;
  onChooseInDialog?: () => void;
  disabled: boolean;
  loaded: boolean;
}) {
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const beforePicking = useRef<FileList | null>(null);

  useEffect(() => {
    const element = input.current;
    if (!element) return undefined;
    const restore = () => {
      if (beforePicking.current) element.files = beforePicking.current;
    };
    element.addEventListener('cancel', restore);
    return () => element.removeEventListener('cancel', restore);
  }, []);

  useEffect(() => {
    if (!disabled && !loaded && input.current) input.current.value = '';
  }, [disabled, loaded]);

  return (
    <div
      className={`govuk-form-group import-drop-zone${dragging ? ' import-drop-zone--dragging' : ''}`}
      style={{ border: `2px dashed ${dragging ? '#1d70b8' : '#b1b4b6'}`, padding: '20px' }}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (!file || disabled) return;
        if (input.current) input.current.files = event.dataTransfer.files;
        onFile(file);
      }}
    >
      {onChooseInDialog ? (
        <p className="govuk-label govuk-label--s">Upload a file</p>
      ) : (
        <label className="govuk-label govuk-label--s" htmlFor="import-file">
          Upload a file
        </label>
      )}
      <div className="govuk-hint" id="import-file-hint">
        Drag and drop it here, or choose it. CSV, TSV, TXT, XLSX or XLSM, up to 100,000 rows.
      </div>
      {onChooseInDialog ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          id="import-file"
          aria-describedby="import-file-hint"
          disabled={disabled}
          onClick={onChooseInDialog}
        >
          Choose a file
        </button>
      ) : (
        <input
          ref={input}
          className="govuk-file-upload"
          id="import-file"
          name="import-file"
          type="file"
          accept={accept}
          disabled={disabled}
          aria-describedby="import-file-hint"
          onClick={(event) => {
            // Cleared so that choosing the same file again (corrected since) is a change; put back if the picker is cancelled.
            const kept = new DataTransfer();
            for (const file of Array.from(event.currentTarget.files ?? [])) kept.items.add(file);
            beforePicking.current = kept.files;
            event.currentTarget.value = '';
          }}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file);
          }}
        />
      )}
    </div>
  );
}
