import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostProcess } from '../../electron/core-host/core-supervisor';

const entry = fileURLToPath(new URL('../../electron/core-host/entry.ts', import.meta.url));

/**
 * The core host as a Node child process, standing in for the Electron utility process the desktop app starts (no
 * Electron binary can run here). The same entry, the same messages; structured clone as Electron's ports use.
 */
export function startNodeCoreHost(dataDir: string, started: { pid: number }[] = []): HostProcess {
  const child = fork(entry, [`--data-dir=${dataDir}`], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  started.push({ pid: child.pid ?? -1 });
  return {
    send: (message) => void child.send(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}
