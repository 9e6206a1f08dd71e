import { z } from 'zod';
import { emptyArgs } from './common';

export interface SyncStatus {
  /** `online`: the service answers; `offline`: it cannot be reached and messages wait; `paused`: a person paused sending. */
  connection: 'online' | 'offline' | 'paused' | 'idle';
  waiting: number;
  lastSyncAt: string | null;
  lastError: string | null;
  nextProbeAt: string | null;
  heldChannels: { channel: string; until: string; reason: string }[];
}

export const syncHandlerArgs = {
  'sync.status': emptyArgs,
  'sync.now': emptyArgs,
  'sync.pause': z.object({ batchId: z.string().optional() }).strict(),
  'sync.resume': z.object({ batchId: z.string().optional() }).strict(),
} as const;

export interface SyncHandlerResults {
  'sync.status': SyncStatus;
  'sync.now': SyncStatus;
  'sync.pause': SyncStatus;
  'sync.resume': SyncStatus;
}
