import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { NotifyClient } from 'notifications-node-client';
import { describe, expect, it } from 'vitest';
import { SIMULATOR_API_KEYS } from '../../../simulator/index';
import { cliPath } from '../../helpers/processes';

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
    const printed = JSON.parse(line) as { url: string; apiKeys: { live: string; team: string; test: string } };
    expect(Object.keys(printed)).toEqual(['url', 'apiKeys']);
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
});
