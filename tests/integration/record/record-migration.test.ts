import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/core/database/migrations';
import { openDatabase } from '../../../electron/core/database/open-database';
import { finishAttempts, recordNotifyStatuses } from '../../../electron/core/outbox/transitions';
import { makeTempDir } from '../../helpers/temp-dir';

const folder = makeTempDir();
afterAll(() => folder.remove());

describe('migration 7: the delivery record', () => {
  it('takes in what Notify already accepted, then follows every outbox change in the same transaction', () => {
    const file = join(folder.path, 'desk.sqlite');
    const before = openDatabase(
      file,
      migrations.filter((migration) => migration.version <= 3),
    );
    before
      .prepare(
        `INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES ('t1', 'sms', 'Bin day', 1, 'x', 'x')`,
      )
      .run();
    before
      .prepare(
        `INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES ('t1', 1, 'hi', 'x', 'me')`,
      )
      .run();
    const insert = before.prepare(
      `INSERT INTO outbox_messages (id, reference, type, template_id, template_version, recipient, personalisation, rendered_body,
         state, notify_id, notify_status, send_after, created_at, created_by, updated_at, accepted_at, lease_owner)
       VALUES (?, ?, 'sms', 't1', 1, '447700900123', '{}', 'hi', ?, ?, ?, 'x', '2026-06-01T09:00:00.000Z', 'ann', '2026-06-01T09:00:00.000Z', ?, ?)`,
    );
    insert.run('m1', 'notify-desk-m1', 'accepted', 'n1', 'sending', '2026-06-01T09:00:05.000Z', null);
    insert.run('m2', 'notify-desk-m2', 'sending', null, null, null, 'me');
    before.close();

    const db = openDatabase(file);
    const record = () =>
      db
        .prepare('SELECT id, status, recipient_key, sent_by, template_name, day FROM record_messages ORDER BY id')
        .all();
    expect(record()).toEqual([
      {
        id: 'm1',
        status: 'sending',
        recipient_key: '07700 900123',
        sent_by: 'ann',
        template_name: 'Bin day',
        day: '2026-06-01',
      },
    ]);

    finishAttempts(db, 'me', [
      { id: 'm2', to: 'accepted', notifyId: 'n2', countAttempt: true, outcomeUnknown: false, detail: 'sent' },
    ]);
    recordNotifyStatuses(db, [{ id: 'm1', notifyStatus: 'delivered', state: 'delivered' }], []);
    expect(db.prepare('SELECT id, status FROM record_messages ORDER BY id').all()).toEqual([
      { id: 'm1', status: 'delivered' },
      { id: 'm2', status: 'created' },
    ]);
    expect(db.prepare(`SELECT status FROM record_events WHERE message_id = 'm1' ORDER BY id`).all()).toEqual([
      { status: 'sending' },
      { status: 'delivered' },
    ]);
    const totals = db
      .prepare(
        `SELECT status, SUM(messages) AS n FROM record_daily_totals GROUP BY status HAVING n > 0 ORDER BY status`,
      )
      .all();
    expect(totals).toEqual([
      { status: 'created', n: 1 },
      { status: 'delivered', n: 1 },
    ]);
    db.close();
  });
});
