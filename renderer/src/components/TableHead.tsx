import type { ReactNode } from 'react';

/** A GOV.UK table's header row: one column header per entry, in order. */
export function TableHead({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {columns.map((column, index) => (
          <th scope="col" className="govuk-table__header" key={index}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
