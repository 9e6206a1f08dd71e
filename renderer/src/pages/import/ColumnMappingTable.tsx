import type { ColumnMapping, ImportCheckReport } from '../../../../shared/contract';
import { TableHead } from '../../components/TableHead';

interface ColumnMappingTableProps {
  columns: ImportCheckReport['columns'];
  fields: string[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}

/** Each column of the file and the placeholder it fills; the user changes a match by hand. */
export function ColumnMappingTable({ columns, fields, mapping, onChange }: ColumnMappingTableProps) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--s">Columns in your file</caption>
      <TableHead columns={['Column', 'Fills']} />
      <tbody className="govuk-table__body">
        {columns.map((column, index) => {
          const id = `column-${index}`;
          const chosen = column.header in mapping ? mapping[column.header] : column.placeholder;
          return (
            <tr className="govuk-table__row" key={id}>
              <td className="govuk-table__cell">
                <label className="govuk-label" htmlFor={id}>
                  {column.header || <span className="govuk-hint">(no header)</span>}
                </label>
                {column.matchedBy === 'usual-name' && !(column.header in mapping) && (
                  <span className="govuk-hint nd-block govuk-!-margin-bottom-0" id={`${id}-hint`}>
                    Matched automatically: change it if this column is not the {column.placeholder}
                  </span>
                )}
              </td>
              <td className="govuk-table__cell">
                <select
                  id={id}
                  className="govuk-select"
                  aria-describedby={
                    column.matchedBy === 'usual-name' && !(column.header in mapping) ? `${id}-hint` : undefined
                  }
                  value={chosen ?? ''}
                  onChange={(event) => onChange({ ...mapping, [column.header]: event.target.value || null })}
                >
                  <option value="">Do not use</option>
                  {fields.map((field) => (
                    <option key={field} value={field}>
                      (({field}))
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
