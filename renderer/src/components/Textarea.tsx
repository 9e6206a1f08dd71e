import { FormGroup } from './FormGroup';

interface TextareaProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  rows?: number;
}

export function Textarea({ id, label, value, onChange, hint, error, rows = 5 }: TextareaProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          id={id}
          name={id}
          rows={rows}
          className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
        />
      )}
    </FormGroup>
  );
}
