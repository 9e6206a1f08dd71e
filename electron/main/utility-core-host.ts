import { utilityProcess } from 'electron';
import type { HostProcess } from '../core-host/core-supervisor';

/** Starts the core host (out/electron/core-host.cjs) as an Electron utility process: Node, outside the main process. */
export function startUtilityCoreHost(entry: string, dataDir: string, letterFontsDir: string): HostProcess {
  const child = utilityProcess.fork(entry, [`--data-dir=${dataDir}`, `--letter-fonts-dir=${letterFontsDir}`], {
    serviceName: 'notify-desk core',
    stdio: 'inherit',
  });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}
