import { afterEach, describe, expect, it } from 'vitest';
import type { NewProvider } from '../../../shared/contract';
import type { Db } from '../../../electron/core/database/open-database';
import { freePort } from '../../helpers/processes';
import { SmppStandIn } from '../../helpers/smpp-stand-in';
import { SmtpStandIn } from '../../helpers/smtp-stand-in';
import { TwilioStandIn } from '../../helpers/twilio-stand-in';
import { waitFor } from '../sync/sync-fixtures';
import { messageRows, openProviderDesk, queueEmails, queueTexts, type ProviderTestDesk } from './provider-fixtures';

type Fault = 'refused' | 'throttled' | 'dropped mid-send' | 'slow';

/** A provider's stand-in as the fault matrix drives it: faults on and off, and how often it may have taken each message. */
interface StandInUnderTest {
  start(): Promise<void>;
  stop(): Promise<void>;
  provider(): NewProvider;
  queue(db: Db, count: number): string[];
  /** Per message id: how many times the provider took the message, or may have (no answer came). */
  possiblyTaken(db: Db): Map<string, number>;
  fault(fault: Exclude<Fault, 'refused'>): void;
  clear(): void;
}

const COUNT = 30;
const SLOWER_THAN_THE_TIMEOUT_MS = 1_500;

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const found = key(item);
    if (found !== undefined) counts.set(found, (counts.get(found) ?? 0) + 1);
  }
  return counts;
}

const bodyToId = (db: Db): Map<string, string> => new Map(messageRows(db).map((row) => [row.rendered_body, row.id]));

async function smppGateway(): Promise<StandInUnderTest> {
  const port = await freePort();
  let gateway: SmppStandIn | null = null;
  const received: SmppStandIn['received'] = [];
  return {
    start: async () => {
      gateway = await SmppStandIn.start({ systemId: 'desk', password: 'secret', port });
    },
    stop: async () => {
      if (gateway) received.push(...gateway.received);
      await gateway?.close();
      gateway = null;
    },
    provider: () => ({ kind: 'smpp', name: 'gateway', host: '127.0.0.1', port, systemId: 'desk', password: 'secret' }),
    queue: (db, count) =>
      queueTexts(
        db,
        Array.from({ length: count }, (_, index) => `Fault matrix text ${index}`),
      ),
    possiblyTaken: (db) => {
      const ids = bodyToId(db);
      return countBy(
        [...received, ...(gateway?.received ?? [])].filter((submit) => submit.answer !== 'error'),
        (submit) => ids.get(submit.text),
      );
    },
    fault: (fault) => {
      if (!gateway) return;
      if (fault === 'throttled') gateway.faults = { throttleNext: 12 };
      if (fault === 'dropped mid-send') gateway.faults = { dropAfter: 3 };
      if (fault === 'slow') gateway.faults = { delayMs: SLOWER_THAN_THE_TIMEOUT_MS };
    },
    clear: () => {
      if (gateway) gateway.faults = {};
    },
  };
}

async function httpGateway(): Promise<StandInUnderTest> {
  const port = await freePort();
  let gateway: TwilioStandIn | null = null;
  const created: TwilioStandIn['created'] = [];
  const accountSid = 'AC00000000000000000000000000000001';
  return {
    start: async () => {
      gateway = await TwilioStandIn.start({ accountSid, authToken: 'token', port });
    },
    stop: async () => {
      if (gateway) created.push(...gateway.created);
      await gateway?.close();
      gateway = null;
    },
    provider: () => ({
      kind: 'http-sms',
      name: 'gateway',
      baseUrl: `http://127.0.0.1:${port}`,
      accountSid,
      authToken: 'token',
      from: 'Council',
    }),
    queue: (db, count) =>
      queueTexts(
        db,
        Array.from({ length: count }, (_, index) => `Fault matrix text ${index}`),
      ),
    possiblyTaken: (db) => {
      const ids = bodyToId(db);
      return countBy([...created, ...(gateway?.created ?? [])], (message) => ids.get(message.body));
    },
    fault: (fault) => {
      if (!gateway) return;
      if (fault === 'throttled') gateway.faults = { throttleNext: 12 };
      if (fault === 'dropped mid-send') gateway.faults = { dropAfterCreateNext: 3, serverErrorNext: 2 };
      if (fault === 'slow') gateway.faults = { delayMs: SLOWER_THAN_THE_TIMEOUT_MS };
    },
    clear: () => {
      if (gateway) gateway.faults = {};
    },
  };
}

async function smtpRelay(): Promise<StandInUnderTest> {
  const port = await freePort();
  let relay: SmtpStandIn | null = null;
  const arrived: SmtpStandIn['arrived'] = [];
  return {
    start: async () => {
      relay = await SmtpStandIn.start({ port });
    },
    stop: async () => {
      if (relay) arrived.push(...relay.arrived);
      await relay?.close();
      relay = null;
    },
    provider: () => ({ kind: 'smtp', name: 'gateway', host: '127.0.0.1', port, from: 'desk@council.example.gov.uk' }),
    queue: (db, count) => queueEmails(db, count),
    possiblyTaken: (db) => {
      const ids = new Set(messageRows(db).map((row) => row.id));
      return countBy([...arrived, ...(relay?.arrived ?? [])], (email) => {
        const id = /^<notify-desk-([^@]+)@/.exec(email.headers['message-id'] ?? '')?.[1];
        return id && ids.has(id) ? id : undefined;
      });
    },
    fault: (fault) => {
      if (!relay) return;
      // A relay's way of asking to slow down is a 4xx.
      if (fault === 'throttled') relay.faults = { tempFailNext: 12 };
      if (fault === 'dropped mid-send') relay.faults = { dropAfterDataNext: 3 };
      if (fault === 'slow') relay.faults = { delayMs: SLOWER_THAN_THE_TIMEOUT_MS };
    },
    clear: () => {
      if (relay) relay.faults = {};
    },
  };
}

const routes: [string, 'sms' | 'email', () => Promise<StandInUnderTest>][] = [
  ['an SMPP gateway', 'sms', smppGateway],
  ['an HTTP gateway', 'sms', httpGateway],
  ['an SMTP relay', 'email', smtpRelay],
];
const faults: Fault[] = ['refused', 'throttled', 'dropped mid-send', 'slow'];

describe.each(routes)(
  'fault matrix for %s: every message taken once, or in “outcome unknown”',
  (_name, channel, makeStandIn) => {
    let desk: ProviderTestDesk | null = null;
    let standIn: StandInUnderTest | null = null;
    afterEach(async () => {
      await desk?.close();
      await standIn?.stop();
      desk = null;
      standIn = null;
    });

    it.each(faults)('%s', async (fault) => {
      standIn = await makeStandIn();
      desk = await openProviderDesk();
      await desk.add(standIn.provider());
      desk.route(channel, ['gateway']);
      const ids = standIn.queue(desk.db, COUNT);
      const engine = desk.engine({ maxAttempts: 50 });
      const rows = () => messageRows(desk!.db);
      if (fault === 'refused') {
        engine.start();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        // Nothing was taken, so nothing is of unknown outcome: every message waits, saying why.
        // (A message may be between two tries of the refusing route at any one moment.)
        await waitFor(() => rows().every((row) => row.state === 'queued'), 5_000, 'every message queued');
        expect(rows()[0]?.last_error).toMatch(/could not connect to .*127\.0\.0\.1:\d+/);
        await standIn.start();
      } else {
        await standIn.start();
        standIn.fault(fault);
        engine.start();
        await new Promise((resolve) => setTimeout(resolve, fault === 'slow' ? 2_500 : 1_000));
        standIn.clear();
      }
      const settled = () => rows().every((row) => ['accepted', 'delivered', 'outcome-unknown'].includes(row.state));
      await waitFor(settled, 30_000, 'every message taken or of unknown outcome');
      await engine.stop();

      const taken = standIn.possiblyTaken(desk.db);
      for (const row of rows()) {
        const times = taken.get(row.id) ?? 0;
        if (row.state === 'outcome-unknown') expect(times).toBeLessThanOrEqual(1);
        else expect(times).toBe(1);
      }
      expect([...taken.values()].every((times) => times <= 1)).toBe(true);
      expect(rows()).toHaveLength(ids.length);
      const unknown = rows().filter((row) => row.state === 'outcome-unknown').length;
      if (fault === 'refused' || fault === 'throttled') expect(unknown).toBe(0);
      if (fault === 'dropped mid-send' || fault === 'slow') expect(unknown).toBeGreaterThan(0);
    });
  },
);
