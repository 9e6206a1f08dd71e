import type { Core, CoreOptions } from '../core/create-core';
import * as z from 'zod';
import type { LetterPrintPage, OpenLetterPrintPage } from '../core/letters/letter-print-page';
import { eventForPerson } from '../core/policy/person-events';
import { hostRequestSchema, type DesktopRequest, type HostReply, type MessageChannelEnd } from './protocol';

export interface CoreHostOptions {
  dataDir: string;
  /** The letter fonts shipped with the app (its resources folder); the source tree's when absent. */
  letterFontsDir?: string;
  /** Opens the core; the real one unless a test passes its own keychain. */
  openCore(options: CoreOptions): Promise<Core>;
}

/**
 * The desktop app's core, out of the main process: opens the core on the data folder, answers the calls the main
 * process passes on, and pushes the core's events back. Plain Node: the same code runs in an Electron utility
 * process and, in tests, in a Node child process. Resolves `closed` once the main process has asked it to close and
 * the core is closed, or `start-failed` when the core could not open (the main process has been told why).
 */
export async function serveCore(
  port: MessageChannelEnd<HostReply>,
  options: CoreHostOptions,
): Promise<'closed' | 'start-failed'> {
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextRequest = 0;
  const askDesktop = <T>(request: DesktopRequest, answer: z.ZodType<T>): Promise<T> =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextRequest++;
      waiting.set(id, { resolve, reject });
      port.send({ type: 'desktop-request', id, request });
    }).then((value) => answer.parse(value));
  const openLetterPrintPage: OpenLetterPrintPage = async (documentHtml) => {
    const pageId = await askDesktop({ kind: 'open-letter-page', documentHtml }, z.number().int().nonnegative());
    const page: LetterPrintPage = {
      print: (bodyHtml) => askDesktop({ kind: 'print-letter', pageId, bodyHtml }, z.instanceof(Uint8Array)),
      close: () => askDesktop({ kind: 'close-letter-page', pageId }, z.unknown()).then(() => undefined),
    };
    return page;
  };
  const core = await options
    .openCore({
      dataDir: options.dataDir,
      sync: true,
      // The file manager belongs to the desktop: the main process opens it on the core's own file.
      showItemInFolder: (path) => port.send({ type: 'show-item-in-folder', path }),
      // Chromium in the main process knows the system's proxy settings (and PAC scripts) on every platform.
      systemProxy: (url) => askDesktop({ kind: 'resolve-proxy', url }, z.string()),
      // Letters are printed to PDF by the desktop's own Chromium, in a hidden window of the main process.
      openLetterPrintPage,
      letterFontsDir: options.letterFontsDir,
      // Where an export is saved is chosen in the desktop's own dialog, never by the page.
      chooseExportDestination: (suggestedFileName) =>
        askDesktop({ kind: 'choose-export-destination', suggestedFileName }, z.string().min(1).nullable()),
    })
    .catch((error: unknown) => {
      port.send({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) });
      return null;
    });
  if (!core) return 'start-failed';
  core.events.onAny((name, payload) => {
    const shown = eventForPerson(core.ctx, name, payload);
    if (shown !== null) port.send({ type: 'event', name, payload: shown });
  });

  return new Promise((resolve) => {
    let closing = false;
    port.onMessage((raw) => {
      const request = hostRequestSchema.safeParse(raw);
      if (!request.success) {
        core.log.error('core host: message refused', { issue: request.error.issues[0]?.message });
        return;
      }
      if (request.data.type === 'desktop-reply') {
        const reply = request.data;
        const settle = waiting.get(reply.id);
        waiting.delete(reply.id);
        if (reply.answer.ok) settle?.resolve(reply.answer.value);
        else settle?.reject(new Error(reply.answer.message));
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
