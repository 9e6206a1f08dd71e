import type { ProviderProblem, ProviderTestResult } from '../../../../shared/contract';
import { validatePhoneNumber } from '../../../../shared/notify';
import type { Db } from '../../database/open-database';
import type { NetworkAccess } from '../../network/network-access';
import type { ClaimedMessage } from '../../outbox/leases';
import { pollIntervalMs } from '../../sync/status-refresh';
import { ProviderHealth, type ProviderHealthOptions } from '../provider-health';
import { recordPartStatuses, recordProviderPart } from '../provider-receipts';
import type { HttpSmsCredentials, HttpSmsSettings } from '../provider-repository';
import { notifyStatusForTwilio, twilioNumberRefused } from '../provider-statuses';
import type { DirectRoute, MarkSubmitted, RouteContextEvents, RouteOutcome } from '../route-outcome';
import { errorCodeOf, TwilioClient, TwilioRequestError, type TwilioFailure } from './twilio-client';

export interface HttpSmsRouteOptions extends ProviderHealthOptions {
  requestTimeoutMs: number;
  minPollMs: number;
  maxPollMs: number;
}

/** Requests in flight at once to the gateway. */
const HTTP_SMS_CONCURRENCY = 8;

interface PollRow {
  id: string;
  provider_message_id: string;
  accepted_at: string | null;
  status_checked_at: string | null;
}

/** A Twilio-style HTTP gateway as a route: a POST per text, its status polled (a desk cannot receive webhooks). */
export class HttpSmsRoute implements DirectRoute {
  readonly kind = 'http-sms';
  readonly maxInFlight = HTTP_SMS_CONCURRENCY;
  private readonly client: TwilioClient;
  private readonly health: ProviderHealth;

  constructor(
    readonly name: string,
    private readonly settings: HttpSmsSettings,
    credentials: HttpSmsCredentials,
    network: NetworkAccess,
    private readonly db: Db,
    events: RouteContextEvents,
    private readonly options: HttpSmsRouteOptions,
  ) {
    this.health = new ProviderHealth(name, options, () => events.problemChanged());
    this.client = new TwilioClient({
      baseUrl: settings.baseUrl,
      accountSid: credentials.accountSid,
      authToken: credentials.authToken,
      timeoutMs: options.requestTimeoutMs,
      network,
      maxSockets: HTTP_SMS_CONCURRENCY,
    });
  }

  problem(): ProviderProblem | null {
    return this.health.problem();
  }

  async send(message: ClaimedMessage, markSubmitted: MarkSubmitted): Promise<RouteOutcome> {
    const phone = validatePhoneNumber(message.recipient, { allowInternational: true, allowLandline: true });
    const to = `+${phone.valid ? phone.normalised : message.recipient.replace(/[^0-9]/g, '')}`;
    markSubmitted();
    try {
      const created = await this.client.createMessage(to, this.settings.from, message.renderedBody);
      this.health.ok();
      recordProviderPart(this.db, this.name, message.id, created.sid, 1, 1);
      const status = notifyStatusForTwilio(created.status, errorCodeOf(created));
      return {
        kind: 'accepted',
        providerMessageId: created.sid,
        notifyStatus: status,
        detail: `taken by ${this.name} (HTTP SMS gateway) as ${created.sid}, ${created.status}`,
      };
    } catch (error) {
      if (!(error instanceof TwilioRequestError)) throw error;
      return this.failed(error.failure);
    }
  }

  async refreshStatuses(force: boolean): Promise<string[]> {
    const now = Date.now();
    const rows = this.db
      .prepare(
        `SELECT id, provider_message_id, accepted_at, status_checked_at FROM outbox_messages
         WHERE state = 'accepted' AND provider = ? AND provider_message_id IS NOT NULL`,
      )
      .all(this.name) as PollRow[];
    const due = rows.filter((row) => {
      if (force || !row.status_checked_at) return true;
      const age = now - (Date.parse(row.accepted_at ?? '') || now);
      return (
        now - Date.parse(row.status_checked_at) >= pollIntervalMs(age, this.options.minPollMs, this.options.maxPollMs)
      );
    });
    const changed: string[] = [];
    const checked = this.db.prepare('UPDATE outbox_messages SET status_checked_at = ? WHERE id = ?');
    for (const row of due) {
      try {
        const found = await this.client.getMessage(row.provider_message_id);
        this.health.ok();
        const status = notifyStatusForTwilio(found.status, errorCodeOf(found));
        const detail = `${found.status}${found.error_code ? `, error ${found.error_code}` : ''}${found.error_message ? `: ${found.error_message}` : ''}`;
        changed.push(
          ...recordPartStatuses(this.db, this.name, [{ providerId: found.sid, notifyStatus: status, detail }])
            .changedIds,
        );
        checked.run(new Date().toISOString(), row.id);
      } catch (error) {
        if (!(error instanceof TwilioRequestError)) throw error;
        // A gateway that cannot be asked now is asked again at the next refresh.
        if (error.failure.kind === 'no-connection') this.health.unreachable(error.failure.message);
        if (error.failure.kind === 'refused-credentials') this.health.refused(error.failure.message);
        if (error.failure.kind !== 'refused') break;
      }
    }
    return changed;
  }

  keepConnected(): void {
    // Nothing to keep open: every request is its own.
  }

  async awaitReceipts(): Promise<void> {
    // Statuses are polled, not pushed.
  }

  async test(): Promise<ProviderTestResult> {
    try {
      await this.client.checkAccount();
      return {
        ok: true,
        message: `notify-desk reached the SMS gateway at ${this.settings.baseUrl} and it accepted the account SID and auth token.`,
      };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    this.client.close();
  }

  private failed(failure: TwilioFailure): RouteOutcome {
    switch (failure.kind) {
      case 'no-connection':
        this.health.unreachable(failure.message);
        return { kind: 'unavailable', reason: failure.message };
      case 'refused-credentials':
        this.health.refused(failure.message);
        return { kind: 'unavailable', reason: failure.message };
      case 'no-answer':
        return { kind: 'unknown', reason: failure.message };
      case 'throttled': {
        const tooLong = this.health.throttled(failure.message);
        return tooLong ? { kind: 'unavailable', reason: tooLong } : { kind: 'throttled', reason: failure.message };
      }
      case 'refused': {
        const status = twilioNumberRefused(failure.code) ? 'permanent-failure' : 'technical-failure';
        return { kind: 'rejected', reason: failure.message, state: status, notifyStatus: status };
      }
    }
  }
}
