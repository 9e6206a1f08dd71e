import type { PDU } from 'smpp';
import type { ProviderProblem, ProviderTestResult } from '../../../../shared/contract';
import type { Db } from '../../database/open-database';
import type { ClaimedMessage } from '../../outbox/leases';
import { ProviderHealth, type ProviderHealthOptions } from '../provider-health';
import { recordPartStatuses, recordProviderPart } from '../provider-receipts';
import type { SmppCredentials, SmppSettings } from '../provider-repository';
import { notifyStatusForSmppReceipt, SENDING } from '../provider-statuses';
import type { DirectRoute, MarkSubmitted, RouteContextEvents, RouteOutcome } from '../route-outcome';
import { parseDeliveryReceipt } from './delivery-receipt';
import { SmppConnection, type SubmitResult } from './smpp-connection';
import { submitSmParts } from './smpp-message';

type Smpp = typeof import('smpp');

export interface SmppRouteOptions extends ProviderHealthOptions {
  submitTimeoutMs: number;
  connectTimeoutMs: number;
  enquireLinkMs: number;
  /** sync --once waits for receipts until none has come for this long… */
  receiptQuietMs: number;
  /** …and no longer than this. */
  receiptWaitMs: number;
}

/** Later parts of a long text are tried again this many times (a throttle, a system error, a lost connection) before its outcome is unknown. */
const LATER_PART_TRIES = 5;

/** An SMPP 3.4 gateway as a route: texts out through one transceiver session, receipts back through it. */
export class SmppRoute implements DirectRoute {
  readonly kind = 'smpp';
  readonly maxInFlight: number;
  private readonly connection: SmppConnection;
  private readonly health: ProviderHealth;
  private keep = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private nextReference = Math.floor(Math.random() * 256);
  private lastDeliverAtMs = 0;

  constructor(
    readonly name: string,
    private readonly smpp: Smpp,
    private readonly settings: SmppSettings,
    private readonly credentials: SmppCredentials,
    private readonly db: Db,
    private readonly events: RouteContextEvents,
    private readonly options: SmppRouteOptions,
  ) {
    this.maxInFlight = settings.windowSize;
    this.health = new ProviderHealth(name, options, () => events.problemChanged());
    this.connection = new SmppConnection(smpp, {
      host: settings.host,
      port: settings.port,
      systemId: credentials.systemId,
      password: credentials.password,
      windowSize: settings.windowSize,
      submitTimeoutMs: options.submitTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs,
      enquireLinkMs: options.enquireLinkMs,
      onDeliver: (pdu) => this.deliver(pdu),
      onSessionChange: (bound, reason) => {
        if (bound) this.health.ok();
        else if (reason) this.health.unreachable(reason);
        if (!bound) this.scheduleReconnect();
      },
    });
  }

  problem(): ProviderProblem | null {
    return this.health.problem();
  }

  async send(message: ClaimedMessage, markSubmitted: MarkSubmitted): Promise<RouteOutcome> {
    this.nextReference = (this.nextReference + 1) & 0xff;
    const parts = submitSmParts(
      this.smpp,
      message.renderedBody,
      this.settings.sender,
      message.recipient,
      this.nextReference,
    );
    const ids: string[] = [];
    for (const [index, fields] of parts.entries()) {
      const result =
        index === 0 ? await this.connection.submit(fields, markSubmitted) : await this.submitLaterPart(fields);
      if (result.kind === 'ok') {
        this.connection.speedUp();
        this.health.ok();
        ids.push(result.messageId);
        // Written at once: the receipt for this part may come before the next part is even sent.
        recordProviderPart(this.db, this.name, message.id, result.messageId, index + 1, parts.length);
        continue;
      }
      if (index > 0) {
        const reason = result.kind === 'error' ? this.statusText(result.status) : result.reason;
        return {
          kind: 'unknown',
          reason: `The gateway took part 1 to ${index} of ${parts.length} of this text, but not part ${index + 1}: ${reason}`,
        };
      }
      return this.firstPartFailed(result);
    }
    const first = ids[0] ?? '';
    return {
      kind: 'accepted',
      providerMessageId: first,
      notifyStatus: SENDING,
      detail: `taken by ${this.name} (SMPP gateway) as ${ids.length === 1 ? `message ${first}` : `${ids.length} parts, ${ids.join(', ')}`}`,
    };
  }

  async refreshStatuses(): Promise<string[]> {
    // Receipts come by themselves over the session and are recorded as they come.
    return [];
  }

  keepConnected(keep: boolean): void {
    this.keep = keep;
    if (keep && !this.connection.isBound) this.scheduleReconnect(0);
  }

  async awaitReceipts(): Promise<void> {
    const waiting = this.db
      .prepare(`SELECT 1 FROM outbox_messages WHERE state = 'accepted' AND provider = ? LIMIT 1`)
      .get(this.name);
    if (!waiting) return;
    try {
      await this.connection.bound();
    } catch {
      return;
    }
    const start = Date.now();
    this.lastDeliverAtMs = Math.max(this.lastDeliverAtMs, start);
    while (
      Date.now() - start < this.options.receiptWaitMs &&
      Date.now() - this.lastDeliverAtMs < this.options.receiptQuietMs
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async test(): Promise<ProviderTestResult> {
    const probe = new SmppConnection(this.smpp, {
      host: this.settings.host,
      port: this.settings.port,
      systemId: this.credentials.systemId,
      password: this.credentials.password,
      windowSize: 1,
      submitTimeoutMs: this.options.submitTimeoutMs,
      connectTimeoutMs: this.options.connectTimeoutMs,
      enquireLinkMs: this.options.enquireLinkMs,
      onDeliver: () => undefined,
      onSessionChange: () => undefined,
    });
    try {
      await probe.bound();
      return {
        ok: true,
        message: `notify-desk connected to the SMS gateway at ${probe.where} and logged in as a transceiver.`,
      };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    } finally {
      await probe.close();
    }
  }

  async close(): Promise<void> {
    this.keep = false;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.connection.close();
  }

  private firstPartFailed(result: Exclude<SubmitResult, { kind: 'ok' }>): RouteOutcome {
    switch (result.kind) {
      case 'not-sent':
        if (result.refused) this.health.refused(result.reason);
        else this.health.unreachable(result.reason);
        return { kind: 'unavailable', reason: result.reason };
      case 'unknown':
        return { kind: 'unknown', reason: result.reason };
      case 'error': {
        const reason = this.statusText(result.status);
        if (this.isThrottle(result.status)) {
          this.connection.slowDown();
          const tooLong = this.health.throttled(reason);
          return tooLong ? { kind: 'unavailable', reason: tooLong } : { kind: 'throttled', reason };
        }
        if (this.isTemporary(result.status)) return { kind: 'retry', reason };
        const badNumber = result.status === this.smpp.ESME_RINVDSTADR;
        return {
          kind: 'rejected',
          reason,
          state: badNumber ? 'permanent-failure' : 'technical-failure',
          notifyStatus: badNumber ? 'permanent-failure' : 'technical-failure',
        };
      }
    }
  }

  /** A later part of a long text goes whatever it takes (a throttle, a system error, a new session), within reason. */
  private async submitLaterPart(fields: Record<string, unknown>): Promise<SubmitResult> {
    let result: SubmitResult = { kind: 'not-sent', reason: '', refused: false };
    for (let tries = 1; tries <= LATER_PART_TRIES; tries += 1) {
      result = await this.connection.submit(fields);
      const again =
        result.kind === 'not-sent' ||
        (result.kind === 'error' && (this.isThrottle(result.status) || this.isTemporary(result.status)));
      if (!again) return result;
      if (result.kind === 'error' && this.isThrottle(result.status)) this.connection.slowDown();
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** tries));
    }
    return result;
  }

  private isThrottle(status: number): boolean {
    return status === this.smpp.ESME_RTHROTTLED || status === this.smpp.ESME_RMSGQFUL;
  }

  /** Errors the gateway means to be tried again: a system error, a temporary application error. */
  private isTemporary(status: number): boolean {
    return status === this.smpp.ESME_RSYSERR || status === this.smpp.ESME_RX_T_APPN;
  }

  private statusText(status: number): string {
    const code = `0x${status.toString(16).padStart(8, '0')}`;
    if (status === this.smpp.ESME_RTHROTTLED)
      return `The SMS gateway asked notify-desk to send more slowly (ESME_RTHROTTLED).`;
    if (status === this.smpp.ESME_RMSGQFUL) return `The SMS gateway’s queue is full (ESME_RMSGQFUL).`;
    if (status === this.smpp.ESME_RSYSERR) return `The SMS gateway had a problem (ESME_RSYSERR).`;
    if (status === this.smpp.ESME_RINVDSTADR) return `The SMS gateway refused the phone number (ESME_RINVDSTADR).`;
    return `The SMS gateway refused the message (SMPP status ${code}).`;
  }

  /** A deliver_sm: a receipt is recorded before it is answered, so a crash makes the gateway send it again. */
  private deliver(pdu: PDU): void {
    this.lastDeliverAtMs = Date.now();
    const receipt = parseDeliveryReceipt(pdu);
    if (!receipt) return;
    const detail = `${receipt.stat}${receipt.err && receipt.err !== '000' ? `, error ${receipt.err}` : ''}`;
    const { changedIds } = recordPartStatuses(this.db, this.name, [
      { providerId: receipt.id, notifyStatus: notifyStatusForSmppReceipt(receipt.stat), detail },
    ]);
    if (changedIds.length > 0) this.events.statusesChanged(changedIds);
  }

  /** While the engine runs, a lost session comes back, after the health's backoff. */
  private scheduleReconnect(delayMs = Math.max(this.health.retryAtMs - Date.now(), 0)): void {
    if (!this.keep || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.keep || this.connection.isBound) return;
      this.connection.bound().catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof Error && error.name === 'SmppBindError') this.health.refused(reason);
        else this.health.unreachable(reason);
        this.scheduleReconnect();
      });
    }, delayMs);
    this.reconnectTimer.unref();
  }
}
