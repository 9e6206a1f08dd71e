import type { SyncStatus } from '../../shared/contract';
import type { CliCommand } from '../command';
import { parseOptions } from '../parse-options';

export function describeSyncStatus(status: SyncStatus): string {
  const parts: string[] = [];
  switch (status.connection) {
    case 'online':
      parts.push(`online, ${status.waiting} waiting`);
      break;
    case 'offline':
      parts.push(
        `offline, ${status.waiting} waiting${status.nextProbeAt ? `; trying again at ${status.nextProbeAt}` : ''}`,
      );
      break;
    case 'paused':
      parts.push(`sending paused, ${status.waiting} waiting`);
      break;
    case 'idle':
      parts.push(`${status.lastError ? 'not sending' : 'connecting'}, ${status.waiting} waiting`);
      break;
  }
  for (const hold of status.heldChannels) parts.push(`${hold.description} Notify said: ${hold.reason}`);
  for (const problem of status.providerProblems) parts.push(`${problem.provider}: ${problem.message}`);
  if (status.lastError) parts.push(status.lastError);
  return parts.join('; ');
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'Send what is due and refresh delivery statuses; with --once, exit when done',
  usage: 'sync [--once]',
  examples: ['sync --once', 'sync'],
  run: async (args, env) => {
    const { values } = parseOptions(args, { once: { type: 'boolean' } });
    if (values.once) {
      const core = await env.openCore();
      const report = await core.sync.runOnce();
      if (env.json) {
        env.out(JSON.stringify(report));
      } else {
        env.out(
          `sent ${report.sent}, found already at Notify ${report.adopted}, rejected ${report.rejected}, ` +
            `to retry ${report.retrying}, need attention ${report.needsAttention}, outcome unknown ${report.outcomeUnknown}, ` +
            `statuses updated ${report.statusesChanged}`,
        );
        env.out(describeSyncStatus(report.status));
        if (report.harvest)
          env.out(
            `delivery record: ${report.harvest.seen} listed by Notify, ${report.harvest.adopted} sent elsewhere added`,
          );
        if (report.receivedTexts) env.out(`received texts: ${report.receivedTexts.fetched} new`);
      }
      return report.status.connection === 'offline' || report.status.lastError ? 1 : 0;
    }
    const core = await env.openCore({ sync: true });
    let last = '';
    const stopListening = core.events.onAny((event, payload) => {
      if (event !== 'sync.status') return;
      const line = env.json ? JSON.stringify(payload) : describeSyncStatus(payload as SyncStatus);
      if (line !== last) env.out(line);
      last = line;
    });
    env.out(env.json ? JSON.stringify(core.sync.status()) : describeSyncStatus(core.sync.status()));
    await env.stopRequested;
    stopListening();
    return 0;
  },
};
