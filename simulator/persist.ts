import { randomUUID } from 'node:crypto';
import type { SimulatorContext } from './context';
import type { StoredNotification } from './notification';
import { nextCreationMicros } from './timestamps';
import type { InternalStatus } from './types';

export type NewNotification = Omit<StoredNotification, 'id' | 'createdMicros' | 'sendingAtMs' | 'completedAtMs'>;

/** Stamps a notification with its id and lifecycle times: sending after half the pace, final after all of it. */
export function stampNotification(
  context: SimulatorContext,
  fields: NewNotification,
  nowMs: number = Date.now(),
): StoredNotification {
  const createdMicros = nextCreationMicros(nowMs);
  const createdMs = createdMicros / 1000;
  return {
    ...fields,
    id: randomUUID(),
    createdMicros,
    sendingAtMs: createdMs + context.deliverAfterMs / 2,
    completedAtMs: createdMs + context.deliverAfterMs,
  };
}

/** Test keys simulate provider outcomes from the recipient (notify-api.md §6); everything else is delivered. */
export function simulatedFinalStatus(keyType: string, normalisedRecipient: string): InternalStatus {
  if (keyType !== 'test') return 'delivered';
  if (normalisedRecipient.endsWith('7700900003') || normalisedRecipient === 'temp-fail@simulator.notify') {
    return 'temporary-failure';
  }
  if (normalisedRecipient.endsWith('7700900002') || normalisedRecipient === 'perm-fail@simulator.notify') {
    return 'permanent-failure';
  }
  return 'delivered';
}
