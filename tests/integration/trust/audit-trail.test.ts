import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendAuditEntry, verifyAuditTrail } from '../../../electron/core/audit/audit-trail';
import { databaseFile } from '../../../electron/core/data-dir';
import { openDatabase, type Db } from '../../../electron/core/database/open-database';
import { openDeskDatabaseFile } from '../../helpers/desk-database';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const folder = makeTempDir();
afterAll(() => folder.remove());
let trails = 0;

/** A data folder whose audit trail has five entries, written as the desk writes them. */
function trailOfFive(): { dataDir: string; db: Db } {
  const dataDir = join(folder.path, `trail-${(trails += 1)}`);
  const db = openDatabase(databaseFile(dataDir));
  appendAuditEntry(db, 'admin', 'service.configured', {
    baseUrl: 'https://api.notifications.service.gov.uk',
    keyType: 'live',
    keyLocation: 'keychain',
    keyReplaced: false,
  });
  appendAuditEntry(db, 'admin', 'template.created', {
    templateId: 't1',
    type: 'sms',
    name: 'Reminder',
    allowedRoles: null,
  });
  appendAuditEntry(db, 'jsmith', 'batch.queued', {
    batchId: 'b1',
    fileName: 'October.csv',
    messages: 120,
    rejected: 0,
  });
  appendAuditEntry(db, 'boss', 'batch.cancelled', { batchId: 'b1', messages: 80 });
  appendAuditEntry(db, 'boss', 'record.exported', {
    filter: { period: 'today' },
    rows: 40,
    fileName: 'Sent messages.csv',
  });
  return { dataDir, db };
}

/** What someone with the file and sqlite3 could do: drop the triggers, then change rows. */
function tamper(db: Db, sql: string): void {
  db.exec(`DROP TRIGGER audit_entries_are_never_changed; DROP TRIGGER audit_entries_are_never_deleted; ${sql}`);
}

describe('the audit trail', () => {
  it('is intact as written, and refuses changes and deletions through SQL', () => {
    const { db } = trailOfFive();
    expect(verifyAuditTrail(db)).toMatchObject({
      ok: true,
      entries: 5,
      broken: null,
      lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(() => db.prepare(`UPDATE audit_entries SET actor = 'nobody' WHERE seq = 2`).run()).toThrow(
      /cannot be changed/,
    );
    expect(() => db.prepare('DELETE FROM audit_entries WHERE seq = 5').run()).toThrow(/cannot be changed/);
    db.close();
  });

  it('detects an edited entry', () => {
    const { db } = trailOfFive();
    tamper(db, `UPDATE audit_entries SET detail = replace(detail, '80', '8') WHERE seq = 4`);
    expect(verifyAuditTrail(db)).toMatchObject({
      ok: false,
      entries: 3,
      broken: { seq: 4, reason: 'it was changed after it was written' },
    });
    db.close();
  });

  it('detects a deleted entry, in the middle and at the end', () => {
    const middle = trailOfFive().db;
    tamper(middle, 'DELETE FROM audit_entries WHERE seq = 3');
    expect(verifyAuditTrail(middle)).toMatchObject({
      ok: false,
      broken: { seq: 4, reason: 'entry 3 was removed before it' },
    });
    middle.close();
    const end = trailOfFive().db;
    tamper(end, 'DELETE FROM audit_entries WHERE seq >= 4');
    expect(verifyAuditTrail(end)).toMatchObject({
      ok: false,
      entries: 3,
      broken: { seq: 4, reason: 'entries 4 to 5 were removed from the end' },
    });
    end.close();
  });

  it('detects two entries swapped', () => {
    const { db } = trailOfFive();
    tamper(
      db,
      `UPDATE audit_entries SET seq = 100 WHERE seq = 2; UPDATE audit_entries SET seq = 2 WHERE seq = 3; UPDATE audit_entries SET seq = 3 WHERE seq = 100;`,
    );
    expect(verifyAuditTrail(db)).toMatchObject({ ok: false, entries: 1, broken: { seq: 2 } });
    db.close();
  });

  it('notify-desk audit verify exits 1 naming the first broken entry; audit list --json lists newest first', async () => {
    const { dataDir, db } = trailOfFive();
    db.close();
    const intact = await runCli(['--data-dir', dataDir, 'audit', 'verify']);
    expect(intact).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^The audit trail is intact: \d+ entries, the last with hash [0-9a-f]{64}\.\n$/),
    });
    const listed = await runCli(['--data-dir', dataDir, '--json', 'audit', 'list']);
    const { entries } = JSON.parse(listed.stdout) as { entries: { seq: number; summary: string }[] };
    expect(entries.map((entry) => entry.summary).slice(-3)).toEqual([
      'Queued 120 messages from October.csv (batch b1)',
      'Created the sms template “Reminder”',
      'Connected the service at https://api.notifications.service.gov.uk with a live key (keychain)',
    ]);
    const raw = await openDeskDatabaseFile(dataDir);
    tamper(raw, `UPDATE audit_entries SET actor = 'someone' WHERE seq = 3`);
    raw.close();
    const broken = await runCli(['--data-dir', dataDir, 'audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe(
      'The audit trail has been tampered with: entry 3 does not match, it was changed after it was written. 2 entries before it are intact.\n',
    );
  });

  it('a bad policy file stops the command line with the line and the reason, before anything is opened', async () => {
    const policy = join(folder.path, 'bad-policy.json');
    writeFileSync(policy, '{\n  "version": 1,\n  "users": {\n    "jsmith": "boss"\n  }\n}\n');
    const dataDir = join(folder.path, 'never-opened');
    const result = await runCli(['--data-dir', dataDir, 'template', 'list'], {
      env: { ...process.env, NOTIFY_DESK_POLICY: policy },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `notify-desk: The policy file ${policy} is not valid, line 4: users › jsmith: Use one of the roles caseworker, post-room, supervisor, administrator. notify-desk does not start until IT corrects it.\n`,
    );
  });
});
