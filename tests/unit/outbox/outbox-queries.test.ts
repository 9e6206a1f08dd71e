import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/database/open-database';
import { openDatabase } from '../../../electron/core/database/open-database';
import { claimDueMessages } from '../../../electron/core/outbox/leases';
import { countMessages, countWaiting, listMessages } from '../../../electron/core/outbox/outbox-queries';
import { finishAttempts } from '../../../electron/core/outbox/transitions';
import { cancelMessages, retryMessages } from '../../../electron/core/outbox/user-actions';
import { insertBatch, insertLocalSmsTemplate, queueSms } from '../../integration/sync/sync-fixtures';

describe('outbox queries and a person’s retry and cancel', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    insertLocalSmsTemplate(db);
  });
  afterEach(() => db.close());

  it('lists by state, batch and search, newest first, with paging and a total', () => {
    insertBatch(db, 'b1');
    queueSms(db, { count: 5, batchId: 'b1' });
    queueSms(db, { count: 3, recipient: (i) => `0770090099${i}` });
    expect(listMessages(db, { limit: 100, offset: 0 }).total).toBe(8);
    expect(listMessages(db, { batchId: 'b1', limit: 2, offset: 0 })).toMatchObject({ total: 5 });
    expect(listMessages(db, { batchId: 'b1', limit: 2, offset: 4 }).messages).toHaveLength(1);
    const found = listMessages(db, { search: '07700900991', limit: 10, offset: 0 });
    expect(found.total).toBe(1);
    expect(found.messages[0]).toMatchObject({
      recipient: '07700900991',
      templateName: 'Appointment reminder',
      state: 'queued',
    });
    expect(listMessages(db, { search: '100%_', limit: 10, offset: 0 }).total).toBe(0);
    expect(listMessages(db, { states: ['delivered'], limit: 10, offset: 0 }).total).toBe(0);
    expect(listMessages(db, { states: ['queued', 'delivered'], limit: 10, offset: 0 }).total).toBe(8);
  });

  it('counts every state, for everything or one batch', () => {
    insertBatch(db, 'b1');
    queueSms(db, { count: 2, batchId: 'b1' });
    queueSms(db, { count: 1, sendAfter: new Date(Date.now() + 60_000).toISOString() });
    const counts = countMessages(db);
    expect(counts.queued).toBe(2);
    expect(counts.scheduled).toBe(1);
    expect(counts.delivered).toBe(0);
    expect(countMessages(db, 'b1').scheduled).toBe(0);
    expect(countWaiting(db)).toBe(3);
  });

  it('cancels messages not yet handed to Notify, and nothing in flight', () => {
    const [scheduled] = queueSms(db, { count: 1, sendAfter: new Date(Date.now() + 60_000).toISOString() });
    const [inFlight, queued] = queueSms(db, { count: 2 });
    claimDueMessages(db, { owner: 'me', limit: 1, leaseMs: 60_000 });
    expect(cancelMessages(db, [scheduled!, inFlight!, queued!], 'someone')).toBe(2);
    const states = db.prepare('SELECT id, state FROM outbox_messages').all() as { id: string; state: string }[];
    expect(Object.fromEntries(states.map((row) => [row.id, row.state]))).toEqual({
      [scheduled!]: 'cancelled',
      [inFlight!]: 'sending',
      [queued!]: 'cancelled',
    });
    const detail = db
      .prepare(`SELECT detail FROM outbox_events WHERE message_id = ? AND to_state = 'cancelled'`)
      .get(queued!);
    expect(detail).toEqual({ detail: 'cancelled by someone' });
  });

  it('retries a message that needs attention, keeping the reference look-up if an attempt may have reached Notify', () => {
    const [id] = queueSms(db, { count: 1 });
    claimDueMessages(db, { owner: 'me', limit: 1, leaseMs: 60_000 });
    finishAttempts(db, 'me', [
      {
        id: id!,
        to: 'needs-attention',
        countAttempt: true,
        outcomeUnknown: true,
        lastError: 'timed out',
        detail: 'gave up',
      },
    ]);
    expect(retryMessages(db, [id!], 'someone')).toBe(1);
    expect(db.prepare('SELECT state, attempts, outcome_unknown, last_error FROM outbox_messages').get()).toEqual({
      state: 'queued',
      attempts: 0,
      outcome_unknown: 1,
      last_error: null,
    });
    expect(retryMessages(db, [id!], 'someone')).toBe(0);
    const [claimed] = claimDueMessages(db, { owner: 'me', limit: 1, leaseMs: 60_000 });
    expect(claimed?.lookUpFirst).toBe(true);
  });
});
