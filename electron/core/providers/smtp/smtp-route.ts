// An organisation's SMTP relay as a route, through nodemailer's connection pool. TLS is required (port 465, or
// STARTTLS elsewhere) unless the relay is this computer itself. A 250 after DATA means the relay has the message
// ("sending" in Notify's words: SMTP brings no delivery receipt); 5xx is a permanent failure in the relay's words;
// 4xx is tried again. A connection lost once the message's content had started to go is of unknown outcome (the gap
// between the final dot and the 250, RFC 1047): it waits for a person.
import { PassThrough, type Readable } from 'node:stream';
import type Mail from 'nodemailer/lib/mailer';
import { isLoopbackHost, type ProviderProblem, type ProviderTestResult } from '../../../../shared/contract';
import type { Db } from '../../database/open-database';
import { tidyErrorText } from '../../error-text';
import type { NetworkAccess } from '../../network/network-access';
import { REFERENCE_PREFIX } from '../../outbox/desk-reference';
import type { ClaimedMessage } from '../../outbox/leases';
import { ProviderHealth, type ProviderHealthOptions } from '../provider-health';
import type { SmtpCredentials, SmtpSettings } from '../provider-repository';
import { SENDING } from '../provider-statuses';
import type { DirectRoute, MarkSubmitted, RouteContextEvents, RouteOutcome } from '../route-outcome';
import { emailContent } from './email-content';

type Nodemailer = typeof import('nodemailer');

export interface SmtpRouteOptions extends ProviderHealthOptions {
  /** How long to wait for a connection, the greeting, and each answer. */
  timeoutMs: number;
}

interface SmtpError extends Error {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/** Whether the content of each message in flight has started to go to the relay (nodemailer reads it only after DATA's 354). */
interface ContentTap {
  stream: Readable | null;
}

/** TLS from the first byte on port 465, STARTTLS required elsewhere; only a relay on this computer may go without. */
export function smtpTransportSecurity(host: string, port: number): { secure: boolean; requireTLS: boolean } {
  const secure = port === 465;
  return { secure, requireTLS: !secure && !isLoopbackHost(host) };
}

/** The desk's id of a message as the mail servers see it (its reference without the desk user's name). */
const envelopeIdFor = (messageId: string): string => `${REFERENCE_PREFIX}${messageId}`;

/** The Message-ID of a message: stable, so a copy sent again is recognisable downstream. */
export const messageIdFor = (messageId: string, from: string): string =>
  `<${envelopeIdFor(messageId)}@${from.split('@')[1] ?? 'notify-desk.invalid'}>`;

export class SmtpRoute implements DirectRoute {
  readonly kind = 'smtp';
  readonly maxInFlight: number;
  private readonly transport: Mail;
  private readonly health: ProviderHealth;
  private readonly taps = new Map<string, ContentTap>();

  constructor(
    readonly name: string,
    nodemailer: Nodemailer,
    private readonly settings: SmtpSettings,
    credentials: SmtpCredentials,
    caFile: string | null,
    network: NetworkAccess,
    private readonly db: Db,
    events: RouteContextEvents,
    options: SmtpRouteOptions,
  ) {
    this.maxInFlight = settings.poolSize * 2;
    this.health = new ProviderHealth(name, options, () => events.problemChanged());
    const secureContext = network.secureContext(caFile);
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: settings.poolSize,
      maxMessages: 100,
      host: settings.host,
      port: settings.port,
      ...smtpTransportSecurity(settings.host, settings.port),
      ...(credentials.user ? { auth: { user: credentials.user, pass: credentials.password ?? '' } } : {}),
      tls: {
        servername: isLoopbackHost(settings.host) ? undefined : settings.host,
        minVersion: 'TLSv1.2',
        ...(secureContext ? { secureContext } : {}),
      },
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      logger: false,
    });
    // The message's content stream, as nodemailer hands it to the connection: it is read only once DATA got its 354.
    this.transport.use('stream', (mail, done) => {
      const tap = this.taps.get(String(mail.data.messageId));
      if (tap) {
        mail.message.processFunc((input: Readable) => {
          const passed = input.pipe(new PassThrough());
          tap.stream = passed;
          return passed;
        });
      }
      done();
    });
  }

  problem(): ProviderProblem | null {
    return this.health.problem();
  }

  async send(message: ClaimedMessage, markSubmitted: MarkSubmitted): Promise<RouteOutcome> {
    const content = emailContent(this.db, message);
    const messageId = messageIdFor(message.id, this.settings.from);
    const tap: ContentTap = { stream: null };
    this.taps.set(messageId, tap);
    markSubmitted();
    try {
      const info = await this.transport.sendMail({
        from: this.settings.from,
        ...(this.settings.replyTo ? { replyTo: this.settings.replyTo } : {}),
        to: message.recipient,
        subject: content.subject,
        text: content.text,
        html: content.html,
        messageId,
        dsn: {
          id: envelopeIdFor(message.id),
          return: 'headers',
          notify: ['failure', 'delay'],
          recipient: message.recipient,
        },
      });
      this.health.ok();
      const response = tidyErrorText(String(info.response ?? '250'));
      return {
        kind: 'accepted',
        providerMessageId: messageId,
        notifyStatus: SENDING,
        detail: `sent to the mail server ${this.name}: ${response}`,
      };
    } catch (error) {
      return this.failed(error as SmtpError, tap.stream?.readableDidRead === true);
    } finally {
      this.taps.delete(messageId);
    }
  }

  async refreshStatuses(): Promise<string[]> {
    // SMTP gives no delivery receipts: a relayed email stays "sending".
    return [];
  }

  keepConnected(): void {
    // The pool opens connections when there is mail to send.
  }

  async awaitReceipts(): Promise<void> {
    // None come.
  }

  async test(): Promise<ProviderTestResult> {
    try {
      await this.transport.verify();
      return {
        ok: true,
        message: `notify-desk connected to the mail server at ${this.where}${this.tlsWords()} and it is ready to take email.`,
      };
    } catch (error) {
      return { ok: false, message: this.describe(error as SmtpError) };
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  private get where(): string {
    return `${this.settings.host}:${this.settings.port}`;
  }

  private tlsWords(): string {
    if (this.settings.port === 465) return ' over TLS';
    return isLoopbackHost(this.settings.host) ? '' : ' with STARTTLS';
  }

  private failed(error: SmtpError, contentStarted: boolean): RouteOutcome {
    const reason = this.describe(error);
    const code = error.responseCode;
    if (code !== undefined && code >= 500)
      return { kind: 'rejected', reason, state: 'permanent-failure', notifyStatus: 'permanent-failure' };
    if (code !== undefined && code >= 400) return { kind: 'retry', reason };
    if (contentStarted)
      return {
        kind: 'unknown',
        reason: `${reason} The connection was lost after the email had started to go, so the mail server may have it.`,
      };
    // nodemailer refused the message itself (an address or a size it cannot send) before anything went.
    if (error.code === 'EENVELOPE' || error.code === 'EMESSAGE')
      return { kind: 'rejected', reason, state: 'technical-failure', notifyStatus: 'technical-failure' };
    if (error.code === 'EAUTH') {
      this.health.refused(reason);
      return { kind: 'unavailable', reason };
    }
    this.health.unreachable(reason);
    return { kind: 'unavailable', reason };
  }

  /** The relay's own words when it gave any; otherwise what happened to the connection, in a sentence. */
  private describe(error: SmtpError): string {
    if (error.response) return `The mail server ${this.name} said: ${tidyErrorText(error.response)}`;
    const where = this.where;
    switch (error.originalCode ?? error.code) {
      case 'ECONNREFUSED':
        return `notify-desk could not connect to the mail server at ${where} (nothing is listening there).`;
      case 'ENOTFOUND':
      case 'EDNS':
        return `notify-desk could not find the mail server ${this.settings.host} (no computer has that name).`;
      case 'ETIMEDOUT':
        return `The mail server at ${where} did not answer in time.`;
      case 'EAUTH':
        return `The mail server at ${where} refused the user name or password.`;
      case 'EENVELOPE':
      case 'EMESSAGE':
        return `notify-desk could not hand this email to the mail server at ${where} (${tidyErrorText(error.message, 160)}).`;
      case 'ETLS':
        return `A secure connection to the mail server at ${where} could not be set up (${tidyErrorText(error.message, 160)}).`;
      default:
        if (/certificate|self.signed|unable to verify/i.test(error.message)) {
          return `The certificate of the mail server at ${where} is not trusted by this computer: IT can name its CA file with notify-desk provider add smtp --ca-file.`;
        }
        if (/STARTTLS/i.test(error.message))
          return `The mail server at ${where} does not offer STARTTLS, and notify-desk sends email only over TLS.`;
        return `The connection to the mail server at ${where} failed (${tidyErrorText(error.message, 160)}).`;
    }
  }
}
