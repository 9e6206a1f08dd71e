import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PurgeSummary } from '../../../shared/contract';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/create-core';
import { policyFileSchema } from '../../../electron/core/policy/policy-schema';
import { osKeychain } from '../../../electron/core/secrets/keychain';
import { makeTempDir } from '../../helpers/temp-dir';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function desk(options: Partial<CoreOptions> = {}): Promise<Core> {
  const folder = makeTempDir();
  const core = await createCore({
    dataDir: folder.path,
    secrets: osKeychain(`notify-desk-test-${randomUUID()}`),
    ...options,
  });
  cleanups.push(async () => {
    await core.close();
    folder.remove();
  });
  return core;
}

describe('the retention periods', () => {
  it('are the defaults until an administrator sets them, and refuse what is not a whole number of days in range', async () => {
    const core = await desk();
    expect(await core.call('retention.settings', {})).toEqual({
      ok: true,
      value: {
        personalDataDays: 365,
        recordDays: 2557,
        fixedByPolicy: false,
        defaults: { personalDataDays: 365, recordDays: 2557 },
        lastPurge: null,
      },
    });
    expect(await core.call('retention.save', { personalDataDays: 0, recordDays: 400 })).toEqual({
      ok: false,
      error: { message: 'Keep personal data for at least 1 day', code: 'invalid-arguments' },
    });
    expect(await core.call('retention.save', { personalDataDays: 30, recordDays: 2.5 })).toMatchObject({
      ok: false,
      error: { message: 'Enter how many days to keep records, as a whole number' },
    });
    expect(await core.call('retention.save', { personalDataDays: 30, recordDays: 36_501 })).toMatchObject({
      ok: false,
      error: { message: 'Keep records for 36,500 days or fewer' },
    });
    expect(await core.call('retention.save', { personalDataDays: 30, recordDays: 400 })).toMatchObject({
      ok: true,
      value: { personalDataDays: 30, recordDays: 400 },
    });
    expect(await core.call('retention.purge', { dryRun: true })).toMatchObject({
      ok: true,
      value: { personalData: { days: 30 }, records: { days: 400 } },
    });
  });

  it('are the policy file’s when IT deployed one, and cannot be changed at the desk', async () => {
    const policy = policyFileSchema.parse({
      version: 1,
      users: {},
      retention: { personalDataDays: 90, recordDays: 1000 },
    });
    const core = await desk({ policy });
    expect(await core.call('retention.settings', {})).toMatchObject({
      ok: true,
      value: { personalDataDays: 90, recordDays: 1000, fixedByPolicy: true },
    });
    expect(await core.call('retention.save', { personalDataDays: 30, recordDays: 400 })).toEqual({
      ok: false,
      error: {
        message:
          'The policy file IT deployed on this computer sets how long the desk keeps data, so it cannot be changed here.',
        code: 'fixed-by-policy',
      },
    });
    // A policy that says nothing of retention leaves it to an administrator at the desk (docs/policy.md).
    const silent = await desk({ policy: policyFileSchema.parse({ version: 1, users: {} }) });
    expect(await silent.call('retention.settings', {})).toMatchObject({
      ok: true,
      value: { personalDataDays: 365, recordDays: 2557, fixedByPolicy: false },
    });
    expect(await silent.call('retention.save', { personalDataDays: 30, recordDays: 400 })).toMatchObject({
      ok: true,
      value: { personalDataDays: 30, recordDays: 400 },
    });
  });
});

describe('each purge', () => {
  it('runs when the desk starts and when a person asks, and is handed to the audit trail with its summary (a dry run is not)', async () => {
    const audited: PurgeSummary[] = [];
    const core = await desk({ purge: true, auditPurge: (summary) => void audited.push(summary) });
    await expect.poll(() => audited.length, { timeout: 10_000 }).toBe(1);
    expect(audited[0]).toMatchObject({
      dryRun: false,
      requestedBy: null,
      personalData: { days: 365 },
      records: { days: 2557 },
    });

    await core.call('retention.purge', { dryRun: true });
    const asked = await core.call('retention.purge', {});
    expect(audited).toHaveLength(2);
    expect(audited[1]).toEqual((asked as { value: PurgeSummary }).value);
    expect(audited[1]).toMatchObject({ requestedBy: core.ctx.user });
    expect((await core.call('retention.settings', {})) as { value: { lastPurge: PurgeSummary } }).toMatchObject({
      value: { lastPurge: audited[1] },
    });
  });

  it('does not start with a command that only reads or sends (no sync, no purge)', async () => {
    const audited: PurgeSummary[] = [];
    await desk({ auditPurge: (summary) => void audited.push(summary) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(audited).toEqual([]);
  });
});

describe('a purge in the audit trail', () => {
  it('is recorded when a person asks for one, under their name, and a dry run or the desk’s empty daily purge is not', async () => {
    const core = await desk();
    const summaries = async () => {
      const { entries } = await core.handlers['audit.list']({ limit: 100 });
      return entries.filter((entry) => entry.action === 'data.purged');
    };
    expect(await summaries()).toEqual([]);
    expect(await core.call('retention.purge', { dryRun: true })).toMatchObject({ ok: true });
    expect(await summaries()).toEqual([]);
    expect(await core.call('retention.purge', { dryRun: false })).toMatchObject({ ok: true });
    const [entry] = await summaries();
    expect(entry).toMatchObject({
      actor: core.ctx.user,
      detail: { 'asked for by': core.ctx.user, 'messages erased': 0, 'files removed': 0 },
    });
    expect(entry?.summary).toMatch(/^Purged data: asked for by /);
  });
});
