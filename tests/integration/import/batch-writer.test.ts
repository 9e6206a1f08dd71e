import { afterEach, describe, expect, it } from 'vitest';
import { BatchWriter, plainSqlLiteral } from '../../../electron/core/import/batch-writer';
import { createImportTestBed, type ImportTestBed } from './import-test-setup';

const awkward = 'Siân "Post" O\'Neil\\n\n\t\u2028\u0000\u001f 🚀 €';
const awkwardPersonalisation = { name: awkward, [`key "${awkward}"`]: [awkward, ''] };

describe('the batch writer', () => {
  let bed: ImportTestBed | undefined;
  afterEach(() => bed?.cleanup());

  it('writes what the batch shares into every message, and each row its own values, whoever imported it', async () => {
    bed = createImportTestBed();
    const template = bed.template('email', 'Hello ((name))', 'About ((name))');
    const sendAfter = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const writer = new BatchWriter(bed.db, {
      fileName: 'list.csv',
      contentHash: 'hash',
      templateId: template.id,
      templateVersion: template.version,
      type: 'email',
      importedBy: `Siân O'Neil"); DROP TABLE outbox_messages; --`,
      rowCount: 2,
      sendAfter,
    });
    await writer.append([
      {
        recipient: 'ann@example.com',
        personalisation: { name: "Ann 'A'" },
        renderedBody: "Hello Ann 'A'",
        renderedSubject: "About Ann 'A'",
        rowNumber: 2,
        cells: ['ann@example.com', "Ann 'A'"],
      },
      {
        recipient: 'bo@example.com',
        personalisation: { name: ['Bo', 'Cy'] },
        renderedBody: 'Hello Bo and Cy',
        renderedSubject: 'About Bo and Cy',
        rowNumber: 3,
        cells: ['bo@example.com', 'Bo', 'Cy'],
      },
      {
        recipient: 'cy@example.com',
        personalisation: awkwardPersonalisation,
        renderedBody: awkward,
        renderedSubject: awkward,
        rowNumber: 4,
        cells: ['cy@example.com', awkward],
      },
    ]);
    await writer.flush();
    writer.complete(0);
    const rows = bed.db
      .prepare(
        `SELECT recipient, personalisation, rendered_body, rendered_subject, created_by, type, template_id, template_version, batch_id,
           state, send_after, reference = 'notify-desk-' || id || '-by-' || @user AS reference_matches_id, created_at = updated_at AS unchanged
         FROM outbox_messages ORDER BY recipient`,
      )
      .all({ user: encodeURIComponent(`Siân O'Neil"); DROP TABLE outbox_messages; --`) });
    const shared = {
      created_by: `Siân O'Neil"); DROP TABLE outbox_messages; --`,
      type: 'email',
      template_id: template.id,
      template_version: template.version,
      batch_id: writer.batchId,
      state: 'scheduled',
      send_after: sendAfter,
      reference_matches_id: 1,
      unchanged: 1,
    };
    expect(rows).toEqual([
      {
        recipient: 'ann@example.com',
        personalisation: `{"name":"Ann 'A'"}`,
        rendered_body: "Hello Ann 'A'",
        rendered_subject: "About Ann 'A'",
        ...shared,
      },
      {
        recipient: 'bo@example.com',
        personalisation: '{"name":["Bo","Cy"]}',
        rendered_body: 'Hello Bo and Cy',
        rendered_subject: 'About Bo and Cy',
        ...shared,
      },
      {
        recipient: 'cy@example.com',
        personalisation: JSON.stringify(awkwardPersonalisation),
        rendered_body: awkward,
        rendered_subject: awkward,
        ...shared,
      },
    ]);
    expect(bed.db.prepare(`SELECT status, queued_count FROM batches WHERE id = ?`).get(writer.batchId)).toEqual({
      status: 'ready',
      queued_count: 3,
    });
  });

  it('writes only plain tokens into its statement, and refuses anything that would need quoting', () => {
    expect(plainSqlLiteral('2026-11-22T09:00:00.000Z')).toBe(`'2026-11-22T09:00:00.000Z'`);
    expect(plainSqlLiteral('0196a6f0-1c2d-7e3f-8a9b-0c1d2e3f4a5b')).toBe(`'0196a6f0-1c2d-7e3f-8a9b-0c1d2e3f4a5b'`);
    expect(plainSqlLiteral(3)).toBe('3');
    expect(() => plainSqlLiteral("x'); DROP TABLE outbox_messages; --")).toThrow(/plain ids, states and times only/);
    expect(() => plainSqlLiteral('two words')).toThrow(/plain ids, states and times only/);
    expect(() => plainSqlLiteral('')).toThrow(/plain ids, states and times only/);
    expect(() => plainSqlLiteral(1.5)).toThrow(/whole numbers only/);
  });
});
