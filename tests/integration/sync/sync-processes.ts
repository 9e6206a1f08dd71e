import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunnerConfig } from './sync-runner';

const runnerPath = fileURLToPath(new URL('./sync-runner.ts', import.meta.url));

export interface RunningSync {
  child: ChildProcess;
  /** Resolves when the engine has started. */
  started: Promise<void>;
  /** Resolves with the exit code (null when killed). */
  exited: Promise<number | null>;
  output(): string;
}

export function spawnSync(config: RunnerConfig): RunningSync {
  const child = spawn(process.execPath, ['--import', 'tsx', runnerPath, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('running')) resolve();
    });
    child.once('exit', () => reject(new Error(`sync process exited before starting: ${output}`)));
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  started.catch(() => undefined);
  return { child, started, exited, output: () => output };
}
