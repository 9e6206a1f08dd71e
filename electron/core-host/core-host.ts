import type { Core, CoreOptions } from '../core/create-core';
import { hostRequestSchema, type HostReply, type MessageChannelEnd } from './protocol';

export interface CoreHostOptions {
  dataDir: string;
  /** Opens the core; the real one unless a test passes its own keychain. */
  openCore(options: CoreOptions): Promise<Core>;
}

/**
 * The desktop app's core, out of the main process: opens the core on the data folder, answers the calls the main
 * process passes on, and pushes the core's events back. Plain Node: the same code runs in an Electron utility
 * process and, in tests, in a Node child process. Resolves `closed` once the main process has asked it to close and
 * the core is closed, or `start-failed` when the core could not open (the main process has been told why).
 */
export async function serveCore(port: MessageChannelEnd<HostReply>, options: CoreHostOptions): Promise<'closed' | 'start-failed'> {
  const proxyLookups = new Map<number, (proxy: string) => void>();
  let nextProxyLookup = 0;
  const core = await options
    .openCore({
      dataDir: options.dataDir,
      sync: true,
      // The file manager belongs to the desktop: the main process opens it on the core's own file.
      showItemInFolder: (path) => port.send({ type: 'show-item-in-folder', path }),
      // Chromium in the main process knows the system's proxy settings (and PAC scripts) on every platform.
      systemProxy: (url) =>
        new Promise<string>((resolve) => {
          const id = nextProxyLookup++;
          proxyLookups.set(id, resolve);
          port.send({ type: 'resolve-proxy', id, url });
        }),
    })
    .catch((error: unknown) => {
      port.send({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) });
      return null;
    });
  if (!core) return 'start-failed';
  core.events.onAny((name, payload) => port.send({ type: 'event', name, payload }));

  return new Promise((resolve) => {
    let closing = false;
    port.onMessage((raw) => {
      const request = hostRequestSchema.safeParse(raw);
      if (!request.success) {
        core.log.error('core host: message refused', { issue: request.error.issues[0]?.message });
        return;
      }
      if (request.data.type === 'proxy-resolved') {
        proxyLookups.get(request.data.id)?.(request.data.proxy);
        proxyLookups.delete(request.data.id);
        return;
      }
      if (request.data.type === 'close') {
        if (closing) return;
        closing = true;
        void core.close().finally(() => resolve('closed'));
        return;
      }
      const { id, name, args } = request.data;
      void core.call(name, args).then((result) => port.send({ type: 'result', id, result }));
    });
    port.send({ type: 'ready' });
  });
}
