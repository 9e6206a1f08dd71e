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
  /** `numeric` for whole numbers: a number keypad on touch screens, as GOV.UK asks instead of type="number". */
  inputMode?: 'numeric';
}

export function TextInput({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  type = 'text',
  autoComplete,
  widthClass,
  spellCheck,
  inputMode,
}: TextInputProps) {
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
          inputMode={inputMode}
        />
      )}
    </FormGroup>
  );
}
