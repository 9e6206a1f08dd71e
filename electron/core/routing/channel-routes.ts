import { NOTIFY_ROUTE, PRINT_ROUTE, type Channel } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { nowIso } from '../clock';

/** The Notify service, as a route. */
export const NOTIFY_PROVIDER = NOTIFY_ROUTE;
/** The post room's printer, as a route (letters only). */
export const PRINT_PROVIDER = PRINT_ROUTE;

/** A channel's providers in the order they are tried; a channel with none set goes through the Notify service. */
export function channelRoute(db: Db, channel: Channel): string[] {
  const providers = db
    .prepare('SELECT provider FROM routes WHERE channel = ? ORDER BY position')
    .pluck()
    .all(channel) as string[];
  return providers.length > 0 ? providers : [NOTIFY_PROVIDER];
}

/** Replaces a channel's route with `providers`, first tried first. */
export function setChannelRoute(db: Db, channel: Channel, providers: readonly string[], user: string): void {
  db.transaction(() => replaceChannelRoute(db, channel, providers, user)).immediate();
}

/** The same, inside a transaction the caller holds. No providers: the channel goes back to the Notify service. */
export function replaceChannelRoute(db: Db, channel: Channel, providers: readonly string[], user: string): void {
  const insert = db.prepare(
    'INSERT INTO routes (channel, position, provider, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)',
  );
  db.prepare('DELETE FROM routes WHERE channel = ?').run(channel);
  const at = nowIso();
  providers.forEach((provider, index) => insert.run(channel, index + 1, provider, at, user));
}

/** The channels whose route names this provider. */
export function channelsRoutedThrough(db: Db, provider: string): Channel[] {
  return db
    .prepare('SELECT channel FROM routes WHERE provider = ? ORDER BY channel')
    .pluck()
    .all(provider) as Channel[];
}

/** Whether letters go to the post room's printer rather than to Notify. */
export function lettersArePrinted(db: Db): boolean {
  return channelRoute(db, 'letter')[0] === PRINT_PROVIDER;
}
