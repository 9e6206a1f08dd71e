import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const cliPath = fileURLToPath(new URL('../../bin/notify-desk.mjs', import.meta.url));

export interface RunningProcess {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `notify-desk ARGS` and resolves with the first line it prints on stdout. */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 20_000,
): Promise<RunningProcess> {
  const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`notify-desk ${args.join(' ')} printed nothing in ${timeoutMs} ms. stderr: ${stderr}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (firstLine) => {
      clearTimeout(timer);
      resolve({ child, firstLine, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`notify-desk ${args.join(' ')} exited with ${code}. stderr: ${stderr}`));
    });
  });
}

/** Runs `notify-desk ARGS` to the end. With `closeStdout`, its output is closed at once, as `| head -0` would. */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; closeStdout?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cliPath, ...args], { env: options.env ?? process.env, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  if (options.closeStdout) child.stdout.destroy();
  else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
