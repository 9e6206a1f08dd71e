import type { Channel } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { nowIso } from '../clock';

/** The Notify service, as a route. */
export const NOTIFY_PROVIDER = 'notify';
/** The post room's printer, as a route (letters only). */
export const PRINT_PROVIDER = 'print';

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
  const insert = db.prepare('INSERT INTO routes (channel, position, provider, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM routes WHERE channel = ?').run(channel);
    const at = nowIso();
    providers.forEach((provider, index) => insert.run(channel, index + 1, provider, at, user));
  }).immediate();
}

/** Whether letters go to the post room's printer rather than to Notify. */
export function lettersArePrinted(db: Db): boolean {
  return channelRoute(db, 'letter')[0] === PRINT_PROVIDER;
}
