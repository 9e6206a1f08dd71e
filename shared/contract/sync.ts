import * as z from 'zod';
import { emptyArgs } from './common';
import type { PermissionsFor } from './permissions';

/** What a daily limit holds: a whole channel, or (`international_sms`) only texts to numbers outside the UK. */
export type HeldChannel = 'sms' | 'email' | 'letter' | 'international_sms';
export const heldChannels: readonly HeldChannel[] = ['sms', 'email', 'letter', 'international_sms'];

export interface ChannelHoldStatus {
  channel: HeldChannel;
  /** When sending may start again: midnight UTC, when Notify's daily counters reset. */
  until: string;
  /** Notify's own words. */
  reason: string;
  /** What waits and what still goes, for a person to read. */
  description: string;
}

/** A direct provider in a route that cannot take messages now (it is left out of the status while it can). */
export interface ProviderProblem {
  provider: string;
  /** `unreachable`: connections fail, tried again later; `refused`: it refuses the credentials; `throttled`: it asks the desk to slow down. */
  state: 'unreachable' | 'refused' | 'throttled';
  message: string;
}

export interface SyncStatus {
  /** `online`: the service answers; `offline`: it cannot be reached and messages wait; `paused`: a person paused sending. */
  connection: 'online' | 'offline' | 'paused' | 'idle';
  /** Messages not yet handed to Notify, those scheduled for later included. */
  waiting: number;
  /** Of those, how many wait for a time chosen to send at, and the first and last such time. */
  scheduled: { count: number; firstAt: string | null; lastAt: string | null };
  lastSyncAt: string | null;
  lastError: string | null;
  nextProbeAt: string | null;
  heldChannels: ChannelHoldStatus[];
  /** Direct providers that cannot take messages now; messages go by the next route, or wait. */
  providerProblems: ProviderProblem[];
}

export const syncHandlerArgs = {
  'sync.status': emptyArgs,
  'sync.now': emptyArgs,
  'sync.pause': z.object({ batchId: z.string().optional() }).strict(),
  'sync.resume': z.object({ batchId: z.string().optional() }).strict(),
} as const;

export const syncHandlerPermissions = {
  'sync.status': 'use-desk',
  'sync.now': 'use-desk',
  'sync.pause': 'import-spreadsheets',
  'sync.resume': 'import-spreadsheets',
} as const satisfies PermissionsFor<typeof syncHandlerArgs>;

export interface SyncHandlerResults {
  'sync.status': SyncStatus;
  'sync.now': SyncStatus;
  'sync.pause': SyncStatus;
  'sync.resume': SyncStatus;
}
