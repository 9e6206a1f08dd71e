import { recordFilterSchema, type RecordFilter } from '../../../../shared/contract';

/** The URL parameter for each filter field: every filter lives in the address, so a supervisor can bookmark it. */
const PARAMS: Record<keyof RecordFilter, string> = {
  search: 'search',
  to: 'to',
  reference: 'reference',
  spreadsheet: 'spreadsheet',
  type: 'type',
  status: 'status',
  template: 'template',
  sentBy: 'sent-by',
  batchId: 'batch',
  period: 'period',
  since: 'since',
  until: 'until',
};

/** The filter in the address; a parameter that is not valid is left out and named in `problems`. */
export function filterFromQuery(query: URLSearchParams): { filter: RecordFilter; problems: string[] } {
  const raw: Record<string, string> = {};
  for (const [field, param] of Object.entries(PARAMS)) {
    const value = query.get(param);
    if (value !== null && value.trim() !== '') raw[field] = value;
  }
  const filter: Record<string, string> = {};
  const problems: string[] = [];
  for (const [field, value] of Object.entries(raw)) {
    const checked = recordFilterSchema.safeParse({ [field]: value });
    if (checked.success) filter[field] = value.trim();
    else problems.push(`${PARAMS[field as keyof RecordFilter]}: ${checked.error.issues[0]?.message ?? 'not valid'}`);
  }
  return { filter, problems };
}

export function queryFromFilter(filter: RecordFilter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [field, param] of Object.entries(PARAMS)) {
    const value = filter[field as keyof RecordFilter];
    if (value) query.set(param, value);
  }
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  return query.toString();
}

/** The Sent messages page showing this filter. */
export const sentMessagesHref = (filter: RecordFilter, extra: Record<string, string> = {}): string => {
  const query = queryFromFilter(filter, extra);
  return `#/sent${query ? `?${query}` : ''}`;
};
