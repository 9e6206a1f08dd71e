import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toUserError, UserError } from '../../../electron/core/dispatch';
import { fileLogger } from '../../../electron/core/log';
import { makeTempDir } from '../../helpers/temp-dir';

const folders: { remove(): void }[] = [];
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));

function logFile(): { file: string; lines(): string[] } {
  const folder = makeTempDir();
  folders.push(folder);
  const file = join(folder.path, 'logs', 'notify-desk.log');
  return { file, lines: () => readFileSync(file, 'utf8').trimEnd().split('\n') };
}

const pageOfText = `Request failed:\n${'  at somewhere (file.js:1:1)\n'.repeat(20_000)}`;

describe('what the dispatcher tells the person about a failure, and what it logs', () => {
  it('turns an unexpected error of any size into one short sentence, and logs it bounded', () => {
    const log = logFile();
    const shown = toUserError('templates.create', new Error(pageOfText), fileLogger(log.file));
    expect(shown.message).toMatch(
      /^Something went wrong while doing that \(Request failed: at somewhere \(file\.js:1:1\) .*…\)\. Nothing was sent\. The details are in the log\.$/,
    );
    expect(shown.message.length).toBeLessThanOrEqual(600);
    const [line] = log.lines();
    expect(line!.length).toBeLessThanOrEqual(8_000);
    expect(JSON.parse(line!)).toMatchObject({
      level: 'error',
      message: 'unexpected error',
      handler: 'templates.create',
      error: expect.stringMatching(/^Request failed: at somewhere/),
    });
  });

  it('keeps a message written for the person, tidied and bounded the same way', () => {
    const log = logFile();
    const shown = toUserError(
      'imports.inspect',
      new UserError(`The file ${'x'.repeat(100_000)}.csv\ncould not be read.`, 'unreadable'),
      fileLogger(log.file),
    );
    expect(shown.code).toBe('unreadable');
    expect(shown.message.length).toBeLessThanOrEqual(600);
    expect(shown.message).not.toContain('\n');
    expect(shown.message).toMatch(/^The file x+…$/);
  });

  it('bounds every text the log writes', () => {
    const log = logFile();
    fileLogger(log.file).info(pageOfText, { detail: pageOfText, count: 3 });
    const [line] = log.lines();
    expect(line!.length).toBeLessThanOrEqual(8_000);
    expect(JSON.parse(line!)).toMatchObject({ level: 'info', count: 3 });
  });
});
