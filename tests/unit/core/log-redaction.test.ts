import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerMap } from '../../../shared/contract';
import { createDispatcher } from '../../../electron/core/dispatch';
import { fileLogger, redactLogText } from '../../../electron/core/log';
import { deskPerson } from '../../../electron/core/policy/desk-person';
import { makeTempDir } from '../../helpers/temp-dir';

const folder = makeTempDir();
afterAll(() => folder.remove());

const apiKey = 'desk_key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJ4IiwiaWF0IjoxfQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const webToken = 'q3JX0yE6m2n9kC1wRz8vT4bP7dL5sA0hG2jF6uY9iO4';

describe('the log', () => {
  it('never keeps a key, a token, an email address or a phone number, even when an error carries them', async () => {
    const file = join(folder.path, 'logs', 'notify-desk.log');
    const log = fileLogger(file);
    const failing = {
      'templates.list': async () => {
        throw new Error(
          `request to +44 7700 900123 and jane.doe@example.gov.uk failed with ${apiKey}, Authorization: Bearer ${jwt}, token ${webToken}, 07700900456`,
        );
      },
    } as unknown as HandlerMap;
    const call = createDispatcher(failing, log, deskPerson({ login: 'me', groups: [] }, null));
    const result = await call('templates.list', {});
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Something went wrong/) } });
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('"handler":"templates.list"');
    for (const secret of [
      '7700 900123',
      '07700900456',
      'jane.doe',
      'example.gov.uk',
      '3d844edf',
      '26785a09',
      jwt.slice(0, 20),
      webToken,
    ]) {
      expect(written, secret).not.toContain(secret);
    }
    expect(written).toMatch(/\[phone number\].*\[email address\].*\[API key\].*Bearer \[token\].*\[secret\]/);
    expect(JSON.parse(written.split('\n')[0]!)).toMatchObject({
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'error',
    });
  });

  it('keeps times, counts and ids that are not secrets', () => {
    const line =
      '{"at":"2026-12-04T16:47:49.000Z","message":"core started","batch":"0194d1f2-7c3a-7000-8000-000000000001","rows":120000}';
    expect(redactLogText(line)).toBe(line);
  });
});
