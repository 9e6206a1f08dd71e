import { FormGroup } from './FormGroup';

interface TextInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'url';
  autoComplete?: string;
  widthClass?: string;
  spellCheck?: boolean;
}

export function TextInput({ id, label, value, onChange, hint, error, type = 'text', autoComplete, widthClass, spellCheck }: TextInputProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          name={id}
          type={type}
          className={['govuk-input', widthClass, error ? 'govuk-input--error' : undefined].filter(Boolean).join(' ')}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          autoComplete={autoComplete ?? 'off'}
          spellCheck={spellCheck ?? false}
        />
      )}
    </FormGroup>
  );
}
