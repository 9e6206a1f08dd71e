import * as z from 'zod';
import type { Faults } from './types';

const fraction = z.number().min(0).max(1);
const duration = z.object({ durationMs: z.number().int().min(0) }).strict();

/** The body of POST /_simulator/faults (and what setFaults accepts): any subset of Faults. */
export const FAULTS_REQUEST = z
  .object({
    failRate: fraction,
    latencyMs: z.number().min(0),
    resetRate: fraction,
    rateLimitStorm: duration,
    outage: duration,
  })
  .partial()
  .strict();

export type FaultsRequest = z.infer<typeof FAULTS_REQUEST>;

/** The steady faults (rates and latency); storms and outages are one-off events the server starts. */
export function mergeSteadyFaults(current: Faults, requested: Partial<Faults>): Faults {
  return {
    failRate: requested.failRate ?? current.failRate,
    latencyMs: requested.latencyMs ?? current.latencyMs,
    resetRate: requested.resetRate ?? current.resetRate,
  };
}

/** Draws whether this request is hit by a fault of the given rate. */
export const struck = (rate: number): boolean => rate > 0 && Math.random() < rate;
