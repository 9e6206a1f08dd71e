import * as z from 'zod';
import type { CallResult } from '../../shared/contract';

/**
 * The messages between the desktop app's main process and the core host (an Electron utility process, or a Node
 * child process in tests). Both sides validate what they receive: a message that does not match is dropped.
 */

const MAX_HTML_CHARACTERS = 50_000_000;

/** What the core asks of the desktop's main process, which alone has Chromium's windows and proxy settings. */
export const desktopRequestSchema = z.discriminatedUnion('kind', [
  /** The system's proxy for a URL; the answer is in PAC form (`PROXY host:port; DIRECT`). */
  z.object({ kind: z.literal('resolve-proxy'), url: z.url() }),
  /** A hidden page holding a letters print document; the answer is the page's number. */
  z.object({ kind: z.literal('open-letter-page'), documentHtml: z.string().max(MAX_HTML_CHARACTERS) }),
  /** One letter put into that page and printed to PDF; the answer is the PDF's bytes. */
  z.object({
    kind: z.literal('print-letter'),
    pageId: z.number().int().nonnegative(),
    bodyHtml: z.string().max(MAX_HTML_CHARACTERS),
  }),
  z.object({ kind: z.literal('close-letter-page'), pageId: z.number().int().nonnegative() }),
  /** The app's own save dialog for an export; the answer is the chosen path, or null when it was closed. */
  z.object({ kind: z.literal('choose-export-destination'), suggestedFileName: z.string().min(1).max(255) }),
]);
export type DesktopRequest = z.infer<typeof desktopRequestSchema>;

/** Main process → core host. After `close` the host closes the core and exits. */
export const hostRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int().nonnegative(), name: z.unknown(), args: z.unknown() }),
  z.object({ type: z.literal('close') }),
  /** The desktop's answer to one of the core's desktop requests. */
  z.object({
    type: z.literal('desktop-reply'),
    id: z.number().int().nonnegative(),
    answer: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), message: z.string().max(2_000) }),
    ]),
  }),
]);
export type HostRequest = z.infer<typeof hostRequestSchema>;

const callResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ message: z.string(), code: z.string().optional() }) }),
]);

/** Core host → main process. */
export const hostReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** The core could not open (a database from a newer version, a data folder it cannot write): restarting won't help. */
  z.object({ type: z.literal('start-failed'), message: z.string() }),
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: callResultSchema }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
  /** The core asks the desktop to show one of its own files (a rejected-rows file) in the file manager. */
  z.object({ type: z.literal('show-item-in-folder'), path: z.string().min(1) }),
  /** The core asks the desktop for something only the main process can do. */
  z.object({
    type: z.literal('desktop-request'),
    id: z.number().int().nonnegative(),
    request: z.lazy(() => desktopRequestSchema),
  }),
]);
export type HostReply = z.infer<typeof hostReplySchema>;

/** A result as the host sends it: the core's own CallResult. */
export type HostCallResult = CallResult<unknown>;

/** One end of the channel: Electron's parentPort or a UtilityProcess, or Node's child-process IPC. */
export interface MessageChannelEnd<Outgoing> {
  send(message: Outgoing): void;
  onMessage(listener: (message: unknown) => void): void;
}
