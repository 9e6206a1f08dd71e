import type { ActiveService } from '../core-context';
import type { NotifyClient } from '../notify-client';
import type { ConnectionState } from './connection-state';

/** What the sync status says while a service saved offline cannot be checked yet. */
export const WAITING_FOR_SERVICE_CHECK = 'Queued, waiting for the service to be checked';

/**
 * Runs the service's set-up step when it is due, through the engine's client. Returns whether sending may go on:
 * not while a set-up that blocks sending is unfinished. Until then messages stay queued and the service is probed
 * with the connection's backoff, whether Notify refused connections or answered with errors.
 */
export async function readyToSend(
  service: ActiveService,
  client: NotifyClient,
  connection: ConnectionState,
  eager: boolean,
): Promise<boolean> {
  const step = service.setUp;
  if (!step?.due(eager)) return !step?.blocksSending;
  const result = await step.run(client);
  switch (result.state) {
    case 'complete':
      connection.answered();
      return true;
    case 'key-refused':
      connection.block(result.message);
      return false;
    case 'waiting':
      // A periodic look-up that failed is tried again later; meanwhile everything else is sent.
      if (!step.blocksSending) return true;
      connection.connectionFailed(`${WAITING_FOR_SERVICE_CHECK}: ${result.message}`, true);
      return false;
  }
}
