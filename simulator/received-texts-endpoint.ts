import { API_PAGE_SIZE } from './constants';
import type { SimulatorContext } from './context';
import { queryToLists } from './query';
import { GET_RECEIVED_TEXTS_REQUEST } from './request-schemas';
import { validateAgainstSchema } from './schema';
import { canonicalUuid } from './uuid';

/** GET /v2/received-text-messages[?older_than=]: every key type sees them; `current` never has params. */
export function listReceivedTexts(context: SimulatorContext, search: URLSearchParams): Record<string, unknown> {
  const data = Object.fromEntries([...queryToLists(search)].map(([key, values]) => [key, values[0] ?? '']));
  validateAgainstSchema(data, GET_RECEIVED_TEXTS_REQUEST);
  const olderThan = data['older_than'];
  const page = context.receivedTexts.page(
    olderThan === undefined ? undefined : canonicalUuid(olderThan),
    API_PAGE_SIZE,
  );
  const listUrl = `${context.location.apiRoot}/v2/received-text-messages`;
  const links: Record<string, string> = { current: listUrl };
  const last = page[page.length - 1];
  if (last) links['next'] = `${listUrl}?older_than=${last.id}`;
  return { received_text_messages: page.map((text) => context.receivedTexts.response(text)), links };
}
