import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  auditActions,
  describeAuditEntry,
  type AuditAction,
  type AuditDetail,
  type AuditEntry,
  type AuditVerification,
} from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { nowIso } from '../clock';

/** The `previous_hash` of the first entry. */
export const FIRST_PREVIOUS_HASH = '0'.repeat(64);

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
  previous_hash: string;
  hash: string;
}

/** What the desk's parts record in the audit trail: `ctx.audit.record('data.purged', { messages: 120 })`. */
export interface AuditRecorder {
  /** Appends an entry by the person at the desk. Never pass a message's content, personalisation or a key. */
  record(action: AuditAction, detail?: AuditDetail): AuditEntry;
}

const canonical = (value: unknown): string => canonicalize(value) ?? 'null';

/** SHA-256 over the canonical JSON (RFC 8785) of every field but the hash itself. */
export function auditEntryHash(entry: {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: AuditDetail;
  previousHash: string;
}): string {
  return createHash('sha256')
    .update(
      canonical({
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        detail: entry.detail,
        previousHash: entry.previousHash,
      }),
    )
    .digest('hex');
}

const isAction = (action: string): action is AuditAction => (auditActions as readonly string[]).includes(action);

function toEntry(row: AuditRow): AuditEntry {
  let detail: AuditDetail = {};
  try {
    detail = JSON.parse(row.detail) as AuditDetail;
  } catch {
    // A detail that is not JSON was edited by hand; `verify` says so.
  }
  const action = isAction(row.action) ? row.action : null;
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: action ?? (row.action as AuditAction),
    detail,
    summary: action ? describeAuditEntry(action, detail) : `Unknown action ${row.action}`,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

/** Appends one entry, chained to the last, in one write transaction so that two processes never fork the chain. */
export function appendAuditEntry(db: Db, actor: string, action: AuditAction, detail: AuditDetail = {}): AuditEntry {
  return db
    .transaction((): AuditEntry => {
      const last = db.prepare('SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1').get() as
        { hash: string } | undefined;
      const used = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_entries'`).get() as
        { seq: number } | undefined;
      const entry = {
        seq: (used?.seq ?? 0) + 1,
        at: nowIso(),
        actor,
        action,
        detail,
        previousHash: last?.hash ?? FIRST_PREVIOUS_HASH,
      };
      const hash = auditEntryHash(entry);
      db.prepare(
        'INSERT INTO audit_entries (seq, at, actor, action, detail, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(entry.seq, entry.at, actor, action, canonical(detail), entry.previousHash, hash);
      return { ...entry, summary: describeAuditEntry(action, detail), hash };
    })
    .immediate();
}

export function auditRecorder(db: Db, actor: string): AuditRecorder {
  return { record: (action, detail) => appendAuditEntry(db, actor, action, detail) };
}

/** Newest first. */
export function listAuditEntries(db: Db, options: { limit: number; before?: number }): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit_entries WHERE (@before IS NULL OR seq < @before) ORDER BY seq DESC LIMIT @limit')
    .all({ before: options.before ?? null, limit: options.limit }) as AuditRow[];
  return rows.map(toEntry);
}

/** Oldest first, one at a time: for verification and export. */
export function* eachAuditEntry(db: Db): Generator<AuditEntry> {
  for (const row of db.prepare('SELECT * FROM audit_entries ORDER BY seq').iterate() as IterableIterator<AuditRow>)
    yield toEntry(row);
}

const removedEntries = (first: number, last: number): string =>
  first === last ? `entry ${first} was` : `entries ${first} to ${last} were`;

/** Why a stored entry does not match the chain at its place, or null when it does. */
function entryProblem(row: AuditRow, expectedSeq: number, expectedPrevious: string): string | null {
  if (row.seq !== expectedSeq) {
    return row.seq > expectedSeq
      ? `${removedEntries(expectedSeq, row.seq - 1)} removed before it`
      : 'its number is out of order';
  }
  if (row.previous_hash !== expectedPrevious)
    return 'it does not follow the entry before it: an entry was removed or moved';
  let detail: AuditDetail;
  try {
    detail = JSON.parse(row.detail) as AuditDetail;
  } catch {
    return 'it was changed after it was written';
  }
  if (canonical(detail) !== row.detail) return 'it was changed after it was written';
  const hash = auditEntryHash({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    detail,
    previousHash: row.previous_hash,
  });
  return hash === row.hash ? null : 'it was changed after it was written';
}

/** Walks the whole chain: every entry's hash, its link to the one before, its number, and the end of the trail. */
export function verifyAuditTrail(db: Db): AuditVerification {
  let previous = FIRST_PREVIOUS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM audit_entries ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    const problem = entryProblem(row, expectedSeq, previous);
    if (problem)
      return {
        ok: false,
        entries,
        lastHash: previous === FIRST_PREVIOUS_HASH ? null : previous,
        broken: { seq: row.seq, reason: problem },
      };
    previous = row.hash;
    expectedSeq = row.seq + 1;
    entries += 1;
  }
  const used = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'audit_entries'`).get() as
    { seq: number } | undefined;
  const lastHash = entries > 0 ? previous : null;
  if ((used?.seq ?? 0) >= expectedSeq) {
    return {
      ok: false,
      entries,
      lastHash,
      broken: {
        seq: expectedSeq,
        reason: `${removedEntries(expectedSeq, used?.seq ?? expectedSeq)} removed from the end`,
      },
    };
  }
  return { ok: true, entries, lastHash, broken: null };
}
