// The core host process: started by the desktop app's main process as an Electron utility process (messages over
// `process.parentPort`), or by tests as a Node child process (messages over `process.send`). No Electron import.
import { parseArgs } from 'node:util';
import { createCore } from '../core/create-core';
import { resolveDataDir } from '../core/data-dir';
import { serveCore } from './core-host';
import type { HostReply, MessageChannelEnd } from './protocol';

/** What Electron gives a utility process (declared here so that this file needs no Electron types). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function channelToMainProcess(): MessageChannelEnd<HostReply> {
  const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The core host must be started by notify-desk, with a channel to talk on.');
  return { send: (message) => void send(message), onMessage: (listener) => process.on('message', listener) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, 'letter-fonts-dir': { type: 'string' } },
    strict: true,
  });
  const outcome = await serveCore(channelToMainProcess(), {
    dataDir: resolveDataDir(values['data-dir']),
    letterFontsDir: values['letter-fonts-dir'],
    openCore: createCore,
  });
  // After a failed start the process waits, so that its message arrives; the main process ends it.
  if (outcome === 'closed') process.exit(0);
}

void main();
