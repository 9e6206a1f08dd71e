import type { ReactNode } from 'react';

/** One key and value of a govuk summary list; `preserveLines` keeps the value's line breaks. */
export function SummaryListRow({
  label,
  preserveLines = false,
  children,
}: {
  label: string;
  preserveLines?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className={preserveLines ? 'govuk-summary-list__value nd-preserve-lines' : 'govuk-summary-list__value'}>
        {children}
      </dd>
    </div>
  );
}
