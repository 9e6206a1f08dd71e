// The providers bench's SMS gateway and mail relay measurements: the desk's sync engine sending through a direct
// provider (lease, record before sending, send, record the provider's answer), against the same library sending the
// same number of messages with nothing around it, in the same run. The stand-ins run in a process of their own.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { NewProvider } from '../shared/contract';
import { loadSmpp } from '../electron/core/providers/direct-routes';
import { ProviderRepository } from '../electron/core/providers/provider-repository';
import { setChannelRoute } from '../electron/core/routing/channel-routes';
import type { SecretStore } from '../electron/core/secrets/keychain';
import { createSyncEngine } from '../electron/core/sync';
import { insertLocalEmailTemplate, queueEmails } from '../tests/integration/providers/provider-fixtures';
import { openTestContext, queueSms, simulatorService, tempDataDir } from '../tests/integration/sync/sync-fixtures';
import { formatRate } from './measure';

type Figures = Record<string, number>;

const SMPP_MESSAGES = Number(process.env.PROVIDERS_BENCH_TEXTS ?? 5_000);
const SMTP_MESSAGES = Number(process.env.PROVIDERS_BENCH_EMAILS ?? 2_000);
const SMPP_WINDOW = 10;
const SMTP_POOL = 5;
const BENCH_SMPP_LOGIN = { systemId: 'bench', password: 'bench' };

/** The bench has no keychain session: credentials (and the database's key) are kept in memory, as the keychain would keep them. */
export function memorySecrets(): SecretStore {
  const kept = new Map<string, string>();
  return {
    get: async (account) => kept.get(account) ?? null,
    set: async (account, secret) => void kept.set(account, secret),
    delete: async (account) => void kept.delete(account),
  };
}

const seconds = (startNs: bigint): number => Number(process.hrtime.bigint() - startNs) / 1e9;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startStandIns(): Promise<{ smppPort: number; smtpPort: number; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./provider-stand-ins-process.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, BENCH_SMPP_LOGIN.systemId, BENCH_SMPP_LOGIN.password],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const firstLine: unknown[] = await once(createInterface({ input: child.stdout }), 'line');
  return { ...(JSON.parse(String(firstLine[0])) as { smppPort: number; smtpPort: number }), child };
}

/** The desk draining `count` queued messages through one provider; messages per second from start to the last taken. */
async function deskRate(
  provider: NewProvider,
  queue: (ctx: ReturnType<typeof openTestContext>) => void,
  count: number,
): Promise<number> {
  const data = tempDataDir();
  const ctx = {
    ...openTestContext(
      data.dbFile,
      simulatorService({
        baseUrl: 'http://127.0.0.1:9',
        apiKey: 'x',
        passThrough: { sms: null, email: null, letter: null },
      }),
    ),
    secrets: memorySecrets(),
  };
  try {
    insertLocalEmailTemplate(ctx.db);
    await new ProviderRepository(ctx.db, ctx.secrets).add(provider, 'bench');
    setChannelRoute(ctx.db, provider.kind === 'smtp' ? 'email' : 'sms', [provider.name], 'bench');
    queue(ctx);
    const taken = ctx.db.prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE provider_message_id IS NOT NULL`);
    const engine = createSyncEngine(ctx, { minPollMs: 600_000, claimBatchSize: 64 });
    const start = process.hrtime.bigint();
    engine.start();
    while ((taken.get() as { n: number }).n < count) await sleep(10);
    const rate = count / seconds(start);
    await engine.stop();
    return rate;
  } finally {
    ctx.db.close();
    data.remove();
  }
}

/** The smpp package alone: bind, then `count` submit_sm with a window of 10, nothing recorded. */
async function rawSmppRate(port: number, count: number): Promise<number> {
  const smpp = await loadSmpp();
  const session = smpp.connect({ host: '127.0.0.1', port });
  await once(session, 'connect');
  await new Promise<void>((resolve) =>
    session.bind_transceiver(
      { system_id: BENCH_SMPP_LOGIN.systemId, password: BENCH_SMPP_LOGIN.password, interface_version: 0x34 },
      () => resolve(),
    ),
  );
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: SMPP_WINDOW }, async () => {
      while (next < count) {
        const index = next++;
        await new Promise<void>((resolve) =>
          session.submit_sm(
            {
              destination_addr: '447700900123',
              source_addr: 'Bench',
              data_coding: 0,
              registered_delivery: 1,
              short_message: Buffer.from(`Hello Person ${index}`),
            },
            () => resolve(),
          ),
        );
      }
    }),
  );
  const rate = count / seconds(start);
  session.destroy();
  return rate;
}

/** nodemailer's pool alone: `count` emails over 5 connections, nothing rendered or recorded. */
async function rawSmtpRate(port: number, count: number): Promise<number> {
  const nodemailer = await import('nodemailer');
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: SMTP_POOL,
    host: '127.0.0.1',
    port,
    secure: false,
    logger: false,
  });
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      transport.sendMail({
        from: 'bench@council.example.gov.uk',
        to: `person${index}@example.gov.uk`,
        subject: 'Your bill for 2026',
        text: `Dear Person ${index},\n\nYour bill is ready.`,
      }),
    ),
  );
  const rate = count / seconds(start);
  transport.close();
  return rate;
}

export async function providerSends(): Promise<Figures> {
  const standIns = await startStandIns();
  try {
    const smppRaw = await rawSmppRate(standIns.smppPort, SMPP_MESSAGES);
    const smpp = await deskRate(
      {
        kind: 'smpp',
        name: 'gateway',
        host: '127.0.0.1',
        port: standIns.smppPort,
        ...BENCH_SMPP_LOGIN,
        sender: 'Bench',
        windowSize: SMPP_WINDOW,
      },
      (ctx) => queueSms(ctx.db, { count: SMPP_MESSAGES }),
      SMPP_MESSAGES,
    );
    console.log(
      `SMPP: ${SMPP_MESSAGES.toLocaleString('en-GB')} texts, a window of ${SMPP_WINDOW}, to a gateway stand-in in another process`,
    );
    console.log(`  the smpp package alone (submit, nothing recorded): ${formatRate(smppRaw)}`);
    console.log(
      `  the desk (lease, record before sending, submit, record the answer): ${formatRate(smpp)} = ${(smpp / smppRaw).toFixed(2)}× the package alone (target: at least 500/s)`,
    );

    const smtpRaw = await rawSmtpRate(standIns.smtpPort, SMTP_MESSAGES);
    const smtp = await deskRate(
      {
        kind: 'smtp',
        name: 'relay',
        host: '127.0.0.1',
        port: standIns.smtpPort,
        from: 'bench@council.example.gov.uk',
        poolSize: SMTP_POOL,
      },
      (ctx) => queueEmails(ctx.db, SMTP_MESSAGES),
      SMTP_MESSAGES,
    );
    console.log(
      `SMTP: ${SMTP_MESSAGES.toLocaleString('en-GB')} emails, a pool of ${SMTP_POOL}, to smtp-server in another process`,
    );
    console.log(`  nodemailer's pool alone (plain text, nothing recorded): ${formatRate(smtpRaw)}`);
    console.log(
      `  the desk (Notify's HTML and text rendered, recorded before and after): ${formatRate(smtp)} = ${(smtp / smtpRaw).toFixed(2)}× nodemailer alone (target: at least 100/s)`,
    );
    return {
      smpp_per_s: Math.round(smpp),
      smpp_package_per_s: Math.round(smppRaw),
      smtp_per_s: Math.round(smtp),
      smtp_nodemailer_per_s: Math.round(smtpRaw),
    };
  } finally {
    standIns.child.kill('SIGTERM');
    await once(standIns.child, 'exit');
  }
}
