import type { Db } from '../database/open-database';
import { newId, nowIso } from '../clock';
import type { NotifyClient, ReceivedText } from '../notify-client';
import { phoneKeyOf } from './phone-key';

/** Where the texts come from: a Notify service by its id, or a run of practice mode's simulator (by its address). */
export interface ReceivedTextsSource {
  serviceKey: string;
  practiceRun: string | null;
}

export const PRACTICE_SERVICE_KEY = 'practice';

export interface ReceivedTextsFetchReport {
  requests: number;
  /** Texts new to the desk. */
  fetched: number;
}

interface TextMark {
  id: string;
  receivedAt: string;
}

/**
 * How far the desk has read Notify's list (newest first): every text at or before `boundary` is stored, and a walk
 * down from `resume.newest` that stopped part-way goes on from `resume.olderThan`.
 */
interface FetchState {
  boundary: TextMark | null;
  resume: { olderThan: string; newest: TextMark } | null;
  practiceRun: string | null;
}

const stateKey = (serviceKey: string): string => `inbox.fetch.${serviceKey}`;

function loadState(db: Db, serviceKey: string): FetchState {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(stateKey(serviceKey)) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as FetchState) : { boundary: null, resume: null, practiceRun: null };
}

function saveState(db: Db, serviceKey: string, state: FetchState): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(stateKey(serviceKey), JSON.stringify(state));
}

/** Notify writes `2024-05-01T10:00:00.123456Z`; a time without a zone is UTC. */
function receivedAtIso(createdAt: string): string {
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(createdAt) ? createdAt : `${createdAt}Z`;
  return new Date(zoned).toISOString();
}

/**
 * Fetches the texts the service received that the desk does not have yet, following `older_than` down Notify's list
 * only as far as the newest text of the last complete fetch. Each page is stored with the point reached in one
 * transaction, so an interrupted fetch goes on where it stopped and no text is fetched or stored twice.
 * Practice texts are make-believe: a new practice run, or a real service, replaces them.
 */
export async function fetchReceivedTexts(
  db: Db,
  client: NotifyClient,
  source: ReceivedTextsSource,
): Promise<ReceivedTextsFetchReport> {
  const report: ReceivedTextsFetchReport = { requests: 0, fetched: 0 };
  let state = loadState(db, source.serviceKey);
  db.transaction(() => {
    if (source.practiceRun === null) {
      db.prepare('DELETE FROM received_texts WHERE service_key = ?').run(PRACTICE_SERVICE_KEY);
      db.prepare('DELETE FROM settings WHERE key = ?').run(stateKey(PRACTICE_SERVICE_KEY));
    } else if (state.practiceRun !== source.practiceRun) {
      db.prepare('DELETE FROM received_texts WHERE service_key = ?').run(source.serviceKey);
      state = { boundary: null, resume: null, practiceRun: source.practiceRun };
      saveState(db, source.serviceKey, state);
    }
  })();

  const insert = db.prepare(
    `INSERT INTO received_texts (id, notify_id, service_key, user_number, phone_key, notify_number, content, received_at, fetched_at)
     VALUES (@id, @notifyId, @serviceKey, @userNumber, @phoneKey, @notifyNumber, @content, @receivedAt, @fetchedAt)
     ON CONFLICT (notify_id) DO NOTHING`,
  );
  const storePage = db.transaction((texts: readonly ReceivedText[], next: FetchState) => {
    const fetchedAt = nowIso();
    // Oldest first, so that the order of insertion agrees with the order of arrival.
    for (const text of [...texts].reverse()) {
      report.fetched += insert.run({
        id: newId(),
        notifyId: text.id,
        serviceKey: source.serviceKey,
        userNumber: text.user_number,
        phoneKey: phoneKeyOf(text.user_number),
        notifyNumber: text.notify_number ?? null,
        content: text.content,
        receivedAt: receivedAtIso(text.created_at),
        fetchedAt,
      }).changes;
    }
    saveState(db, source.serviceKey, next);
  });

  /** Walks down the list from `olderThan` (the top when absent) to the boundary; `newest` is the walk's first text. */
  const walk = async (olderThan: string | undefined, newest: TextMark | null): Promise<void> => {
    const boundary = state.boundary;
    const boundaryMs = boundary ? Date.parse(boundary.receivedAt) : -Infinity;
    let from = olderThan;
    let top = newest;
    for (;;) {
      const page = await client.listReceivedTexts(from);
      report.requests += 1;
      const texts = page.received_text_messages;
      const boundaryAt = texts.findIndex(
        (text) => text.id === boundary?.id || Date.parse(receivedAtIso(text.created_at)) < boundaryMs,
      );
      const fresh = boundaryAt < 0 ? texts : texts.slice(0, boundaryAt);
      const first = fresh[0];
      if (!top && first) top = { id: first.id, receivedAt: receivedAtIso(first.created_at) };
      const last = texts.at(-1);
      const finished = boundaryAt >= 0 || !last || !page.links?.next;
      state = finished
        ? { ...state, boundary: top ?? boundary, resume: null }
        : { ...state, resume: { olderThan: last.id, newest: top as TextMark } };
      storePage(fresh, state);
      if (finished) return;
      from = last.id;
    }
  };

  if (state.resume) await walk(state.resume.olderThan, state.resume.newest);
  await walk(undefined, null);
  return report;
}
