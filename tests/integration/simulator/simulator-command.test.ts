import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotifyClient } from 'notifications-node-client';
import { describe, expect, it } from 'vitest';
import { SIMULATOR_API_KEYS } from '../../../simulator/index';
import { parseSimulatorArguments } from '../../../simulator/main';
import { cliPath } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';
import { CLIENT_SUITE_SEED_FILE, SEEDED } from './client-suite';

/** `notify-desk simulator ARGS`, as built. */
function spawnCommand(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [cliPath, 'simulator', ...args], { stdio: 'pipe' });
}

function firstLineOf(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve(buffered.slice(0, newline));
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('notify-desk simulator', () => {
  it('prints one JSON line with the URL and keys once listening, answers, and closes cleanly on SIGTERM', async () => {
    const child = spawnCommand(['--port', '0', '--deliver-after-ms', '100', '--quiet']);
    const exited = exitOf(child);
    const line = await firstLineOf(child);
    const printed = JSON.parse(line) as {
      url: string;
      apiKeys: { live: string; team: string; test: string };
      controlKey: string;
    };
    expect(Object.keys(printed)).toEqual(['url', 'apiKeys', 'controlKey']);
    expect(printed.controlKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.apiKeys).toEqual(SIMULATOR_API_KEYS);

    const client = new NotifyClient(printed.url, printed.apiKeys.live);
    expect((await client.getAllTemplates()).status).toBe(200);

    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  });

  it('bad arguments: one line on stderr, no stack trace, exit code 2', async () => {
    for (const args of [['--fail-rate', '2'], ['--colour', 'red'], ['--port']]) {
      const { code, stderr } = await exitOf(spawnCommand(args));
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('--seed FILE: the service holds what the file says; a bad file is refused naming the field and why', async () => {
    const child = spawnCommand([
      '--seed',
      CLIENT_SUITE_SEED_FILE,
      '--control-key',
      'a-fixed-control-key-0001',
      '--quiet',
    ]);
    const exited = exitOf(child);
    const printed = JSON.parse(await firstLineOf(child)) as {
      url: string;
      apiKeys: { live: string };
      controlKey: string;
    };
    expect(printed.controlKey).toBe('a-fixed-control-key-0001');
    const client = new NotifyClient(printed.url, printed.apiKeys.live);
    const { data } = await client.getAllTemplates('email');
    expect(data.templates.map((template) => template.id)).toEqual([SEEDED.emailTemplate]);
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);

    const directory = makeTempDir('simulator-seed-');
    const badSeed = join(directory.path, 'bad-seed.json');
    writeFileSync(
      badSeed,
      JSON.stringify({
        mode: 'extend',
        templates: [{ id: SEEDED.smsTemplate, type: 'email', versions: [{ name: 'x', body: 'y' }] }],
      }),
    );
    const refused = await exitOf(spawnCommand(['--seed', badSeed]));
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(
      `--seed ${badSeed}: templates[0].versions[0].subject: email templates need a subject`,
    );
    const missing = await exitOf(spawnCommand(['--seed', join(directory.path, 'none.json')]));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.json: there is no such file');
    directory.remove();
  });
});

describe('parseSimulatorArguments', () => {
  it('reads --request-latency KIND=MS for one kind or all, and refuses what it does not know', () => {
    expect(
      parseSimulatorArguments(['--request-latency', 'all=5', '--request-latency=precompiled-letter=2500'])
        .requestLatencyMs,
    ).toMatchObject({
      sms: 5,
      'letter-pdf': 5,
      'precompiled-letter': 2500,
    });
    expect(() => parseSimulatorArguments(['--request-latency', 'fax=10'])).toThrow(/KIND one of all, sms, email/);
    expect(() => parseSimulatorArguments(['--request-latency', 'sms=-1'])).toThrow(
      '--request-latency must be a number of 0 or more, not "-1"',
    );
    expect(() => parseSimulatorArguments(['--control-key', 'short'])).toThrow(
      '--control-key needs at least 16 printable characters',
    );
  });
});
