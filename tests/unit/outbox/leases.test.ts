import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/database/open-database';
import { openDatabase } from '../../../electron/core/database/open-database';
import { claimDueMessages, promoteDueScheduled } from '../../../electron/core/outbox/leases';
import {
  holdChannel,
  nextMidnightUtc,
  setSendingPaused,
  activeChannelHolds,
} from '../../../electron/core/outbox/sending-controls';
import { finishAttempts } from '../../../electron/core/outbox/transitions';
import { insertBatch, insertLocalSmsTemplate, queueSms } from '../../integration/sync/sync-fixtures';

const claim = (db: Db, limit = 100, owner = 'me', now?: Date) =>
  claimDueMessages(db, { owner, limit, leaseMs: 60_000, now });
const stateOf = (db: Db, id: string) =>
  (db.prepare('SELECT state FROM outbox_messages WHERE id = ?').get(id) as { state: string }).state;

describe('leasing due messages', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    insertLocalSmsTemplate(db);
  });
  afterEach(() => db.close());

  it('marks leased messages sending with the outcome unknown, and logs the change', () => {
    const [id] = queueSms(db, { count: 1 });
    const [claimed] = claim(db);
    expect(claimed?.id).toBe(id);
    expect(claimed?.lookUpFirst).toBe(false);
    const row = db.prepare('SELECT state, outcome_unknown, lease_owner FROM outbox_messages').get();
    expect(row).toEqual({ state: 'sending', outcome_unknown: 1, lease_owner: 'me' });
    const events = db
      .prepare('SELECT from_state, to_state FROM outbox_events WHERE message_id = ? ORDER BY id')
      .all(id!);
    expect(events).toEqual([
      { from_state: null, to_state: 'queued' },
      { from_state: 'queued', to_state: 'sending' },
    ]);
    expect(claim(db)).toEqual([]);
  });

  it("puts a caseworker's one-off message ahead of a batch already sending", () => {
    insertBatch(db, 'big');
    queueSms(db, { count: 50, batchId: 'big' });
    claim(db, 10);
    const [oneOff] = queueSms(db, { count: 1 });
    expect(claim(db, 1)[0]?.id).toBe(oneOff);
  });

  it('never picks messages of a batch that is importing, cancelled or paused', () => {
    insertBatch(db, 'importing', 'importing');
    insertBatch(db, 'cancelled', 'cancelled');
    insertBatch(db, 'paused');
    setSendingPaused(db, true, 'paused');
    queueSms(db, { count: 2, batchId: 'importing' });
    queueSms(db, { count: 2, batchId: 'cancelled' });
    queueSms(db, { count: 2, batchId: 'paused' });
    expect(claim(db)).toEqual([]);
    setSendingPaused(db, false, 'paused');
    expect(claim(db)).toHaveLength(2);
  });

  it('picks nothing while sending is paused for everything', () => {
    queueSms(db, { count: 3 });
    setSendingPaused(db, true);
    expect(claim(db)).toEqual([]);
    setSendingPaused(db, false);
    expect(claim(db)).toHaveLength(3);
  });

  it('leaves held channels alone until the hold ends', () => {
    queueSms(db, { count: 2 });
    holdChannel(db, { channel: 'sms', until: nextMidnightUtc(), reason: 'Exceeded send limits (sms: 10) for today' });
    const held = activeChannelHolds(db, new Date().toISOString()).map((hold) => hold.channel);
    expect(held).toEqual(['sms']);
    expect(claimDueMessages(db, { owner: 'me', limit: 10, leaseMs: 1000, heldChannels: held })).toEqual([]);
    expect(activeChannelHolds(db, '2999-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('sends a scheduled message only once its time has come', () => {
    const sendAfter = new Date(Date.now() + 60_000).toISOString();
    const [id] = queueSms(db, { count: 1, sendAfter });
    expect(stateOf(db, id!)).toBe('scheduled');
    expect(promoteDueScheduled(db)).toEqual([]);
    expect(claim(db)).toEqual([]);
    expect(promoteDueScheduled(db, new Date(Date.now() + 61_000))).toEqual([id]);
    expect(claim(db, 10, 'me', new Date(Date.now() + 61_000))).toHaveLength(1);
  });

  it('hands a message whose sender died to another process, which must look its reference up first', () => {
    const [id] = queueSms(db, { count: 1 });
    claimDueMessages(db, { owner: 'dead', limit: 1, leaseMs: 1_000 });
    expect(claim(db, 10, 'other')).toEqual([]);
    const [taken] = claim(db, 10, 'other', new Date(Date.now() + 2_000));
    expect(taken?.id).toBe(id);
    expect(taken?.lookUpFirst).toBe(true);
    // The dead process's late answer no longer counts: the lease is someone else's.
    expect(
      finishAttempts(db, 'dead', [
        { id: id!, to: 'accepted', notifyId: 'n1', countAttempt: true, outcomeUnknown: false, detail: 'x' },
      ]),
    ).toEqual([]);
    expect(
      finishAttempts(db, 'other', [
        { id: id!, to: 'accepted', notifyId: 'n1', countAttempt: true, outcomeUnknown: false, detail: 'x' },
      ]),
    ).toEqual([id]);
    expect(db.prepare('SELECT state, notify_id, outcome_unknown, lease_owner FROM outbox_messages').get()).toEqual({
      state: 'accepted',
      notify_id: 'n1',
      outcome_unknown: 0,
      lease_owner: null,
    });
  });
});
