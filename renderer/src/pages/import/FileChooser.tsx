import { useState } from 'react';

const accept = '.csv,.tsv,.txt,.xlsx,.xlsm,.ods,.xls';

/** A file picker that also takes a file dropped on it. */
export function FileChooser({ onFile, disabled }: { onFile(file: File): void; disabled: boolean }) {
  const [dragging, setDragging] = useState(false);
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
        if (file && !disabled) onFile(file);
      }}
    >
      <label className="govuk-label govuk-label--s" htmlFor="import-file">
        Upload a file
      </label>
      <div className="govuk-hint" id="import-file-hint">
        Drag and drop it here, or choose it. CSV, TSV, TXT, XLSX or XLSM, up to 100,000 rows.
      </div>
      <input
        className="govuk-file-upload"
        id="import-file"
        name="import-file"
        type="file"
        accept={accept}
        disabled={disabled}
        aria-describedby="import-file-hint"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </div>
  );
}
