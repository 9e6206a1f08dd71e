import { roleNames, roles, type Role } from '../../../../shared/contract';
import { Checkbox } from '../../components/Checkbox';

const limitable = roles.filter((role) => role !== 'administrator');

/** Which roles may use a template: none ticked lets every role use it; administrators always may. */
export function TemplateRolesField({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Role[];
  onChange: (value: Role[]) => void;
}) {
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset" aria-describedby={`${id}-hint`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          Who can use this template (optional)
        </legend>
        <div className="govuk-hint" id={`${id}-hint`}>
          Leave every box empty to let everyone at the desk use it. Administrators can always use and change it.
        </div>
        {limitable.map((role) => (
          <Checkbox
            key={role}
            id={`${id}-${role}`}
            label={roleNames[role].replace(/^./, (first) => first.toUpperCase())}
            checked={value.includes(role)}
            onChange={(checked) =>
              onChange(
                checked
                  ? roles.filter((listed) => listed === role || value.includes(listed))
                  : value.filter((listed) => listed !== role),
              )
            }
          />
        ))}
      </fieldset>
    </div>
  );
}
