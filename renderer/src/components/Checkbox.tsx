interface CheckboxProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The id of an error message about this box. */
  describedBy?: string;
}

export function Checkbox({ id, label, checked, onChange, describedBy }: CheckboxProps) {
  return (
    <div className="govuk-checkboxes govuk-checkboxes--small">
      <div className="govuk-checkboxes__item">
        <input
          className="govuk-checkboxes__input"
          id={id}
          name={id}
          type="checkbox"
          checked={checked}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}
