import { z } from 'zod';
import type { CallResult } from '../../shared/contract';

/**
 * The messages between the desktop app's main process and the core host (an Electron utility process, or a Node
 * child process in tests). Both sides validate what they receive: a message that does not match is dropped.
 */

/** Main process → core host. After `close` the host closes the core and exits. */
export const hostRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int().nonnegative(), name: z.unknown(), args: z.unknown() }),
  z.object({ type: z.literal('close') }),
  /** The system's proxy for a URL, in PAC form (`PROXY host:port; DIRECT`), as the desktop's Chromium resolves it. */
  z.object({ type: z.literal('proxy-resolved'), id: z.number().int().nonnegative(), proxy: z.string().max(10_000) }),
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
  /** The core asks the desktop which proxy the system uses for a URL. */
  z.object({ type: z.literal('resolve-proxy'), id: z.number().int().nonnegative(), url: z.url() }),
]);
export type HostReply = z.infer<typeof hostReplySchema>;

/** A result as the host sends it: the core's own CallResult. */
export type HostCallResult = CallResult<unknown>;

/** One end of the channel: Electron's parentPort or a UtilityProcess, or Node's child-process IPC. */
export interface MessageChannelEnd<Outgoing> {
  send(message: Outgoing): void;
  onMessage(listener: (message: unknown) => void): void;
}
