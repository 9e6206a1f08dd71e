import { FormGroup } from './FormGroup';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
}

export function Select({ id, label, value, options, onChange, hint, error }: SelectProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={id}
          name={id}
          className={`govuk-select${error ? ' govuk-select--error' : ''}`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormGroup>
  );
}
