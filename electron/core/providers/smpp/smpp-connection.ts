// One SMPP 3.4 session with a gateway, bound as a transceiver (so receipts come back on the desk's own outbound
// connection): a window of outstanding submit_sm, enquire_link to keep the link alive and to notice a dead one, a
// pause after ESME_RTHROTTLED, and a new connection when the old one is lost. The `smpp` package does the PDUs.
import type { PDU, Session } from 'smpp';

type Smpp = typeof import('smpp');

export type SubmitResult =
  | { kind: 'ok'; messageId: string }
  /** The gateway answered with this command_status. */
  | { kind: 'error'; status: number }
  /** Nothing was written: no session could be had. */
  | { kind: 'not-sent'; reason: string; refused: boolean }
  /** It was written and no answer came: the gateway may have the message. */
  | { kind: 'unknown'; reason: string };

export interface SmppConnectionOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  windowSize: number;
  submitTimeoutMs: number;
  connectTimeoutMs: number;
  enquireLinkMs: number;
  /** A deliver_sm (a receipt, or a reply): handled at once; throwing answers it with a temporary error so the gateway sends it again. */
  onDeliver(pdu: PDU): void;
  /** The session was bound, or lost. */
  onSessionChange(bound: boolean, reason: string | null): void;
}

/** The gateway refused the bind: its command_status, and the words for it. */
export class SmppBindError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmppBindError';
  }
}

const SMPP_3_4 = 0x34;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SmppConnection {
  private session: Session | null = null;
  private binding: Promise<Session> | null = null;
  private readonly pending = new Set<(reason: string) => void>();
  private freeSlots: number;
  private readonly waitingForSlot: (() => void)[] = [];
  private pausedUntilMs = 0;
  private pauseMs = 0;
  private enquireTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly smpp: Smpp,
    private readonly options: SmppConnectionOptions,
  ) {
    this.freeSlots = options.windowSize;
  }

  get isBound(): boolean {
    return this.session !== null;
  }

  get where(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /**
   * Sends one submit_sm when the window has room (and any throttle pause is over). `beforeWrite` runs just before the
   * PDU is written: the caller records there that the gateway may now have the message.
   */
  async submit(fields: Record<string, unknown>, beforeWrite: () => void = () => undefined): Promise<SubmitResult> {
    await this.takeSlot();
    try {
      const wait = this.pausedUntilMs - Date.now();
      if (wait > 0) await sleep(wait);
      let session: Session;
      try {
        session = await this.bound();
      } catch (error) {
        return {
          kind: 'not-sent',
          reason: error instanceof Error ? error.message : String(error),
          refused: error instanceof SmppBindError,
        };
      }
      if (!session.socket.writable)
        return {
          kind: 'not-sent',
          reason: `The connection to the SMS gateway at ${this.where} was closed.`,
          refused: false,
        };
      return await new Promise<SubmitResult>((resolve) => {
        let settled = false;
        const settle = (result: SubmitResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          this.pending.delete(lost);
          resolve(result);
        };
        const lost = (reason: string) => settle({ kind: 'unknown', reason });
        const timer = setTimeout(
          () =>
            lost(
              `The SMS gateway at ${this.where} did not answer within ${Math.round(this.options.submitTimeoutMs / 1000)} seconds.`,
            ),
          this.options.submitTimeoutMs,
        );
        this.pending.add(lost);
        let pdu: PDU;
        try {
          pdu = new this.smpp.PDU('submit_sm', fields);
          pdu.toBuffer();
        } catch (error) {
          settle({
            kind: 'not-sent',
            reason: `notify-desk could not make this message into an SMPP request (${error instanceof Error ? error.message : String(error)}).`,
            refused: false,
          });
          return;
        }
        beforeWrite();
        const written = session.send(pdu, (response) => {
          if (response.command_status === 0)
            settle({ kind: 'ok', messageId: typeof response.message_id === 'string' ? response.message_id : '' });
          else settle({ kind: 'error', status: response.command_status });
        });
        if (!written) lost(`The connection to the SMS gateway at ${this.where} closed as the message was handed over.`);
      });
    } finally {
      this.releaseSlot();
    }
  }

  /** After ESME_RTHROTTLED: hold every submit back for a while, longer each time it happens again. */
  slowDown(): void {
    this.pauseMs = Math.min(Math.max(this.pauseMs * 2, 100), 5_000);
    this.pausedUntilMs = Date.now() + this.pauseMs;
  }

  /** A submit went through: the pause shrinks back. */
  speedUp(): void {
    this.pauseMs = Math.floor(this.pauseMs / 2);
  }

  /** The bound session, connecting and binding first when there is none. Throws when no session can be had. */
  bound(): Promise<Session> {
    if (this.closed) return Promise.reject(new Error('The connection to the SMS gateway was closed.'));
    if (this.session) return Promise.resolve(this.session);
    this.binding ??= this.connectAndBind().finally(() => {
      this.binding = null;
    });
    return this.binding;
  }

  /** Unbinds politely and closes; submits still waiting for an answer get none. */
  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    if (!session) {
      await this.binding?.catch(() => undefined);
      this.session?.destroy();
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1_000);
      session.unbind({}, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    session.destroy();
    this.lose('notify-desk closed the connection before the gateway answered.');
  }

  private connectAndBind(): Promise<Session> {
    const where = this.where;
    return new Promise<Session>((resolve, reject) => {
      let done = false;
      const session = this.smpp.connect({ host: this.options.host, port: this.options.port });
      const fail = (message: string, error?: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        session.destroy();
        reject(error ?? new Error(message));
      };
      const timer = setTimeout(
        () =>
          fail(
            `The SMS gateway at ${where} did not answer within ${Math.round(this.options.connectTimeoutMs / 1000)} seconds.`,
          ),
        this.options.connectTimeoutMs,
      );
      session.on('error', (error: NodeJS.ErrnoException) => {
        if (!done) fail(connectionErrorText(error, where));
      });
      session.on('close', () => {
        if (!done) fail(`The SMS gateway at ${where} closed the connection before notify-desk could log in.`);
        else if (this.session === session)
          this.lose(`The connection to the SMS gateway at ${where} was lost before it answered.`);
      });
      session.on('connect', () => {
        session.bind_transceiver(
          { system_id: this.options.systemId, password: this.options.password, interface_version: SMPP_3_4 },
          (response) => {
            if (response.command_status !== 0) {
              fail(
                '',
                new SmppBindError(response.command_status, bindRefusalText(this.smpp, response.command_status, where)),
              );
              return;
            }
            done = true;
            clearTimeout(timer);
            this.attach(session);
            resolve(session);
          },
        );
      });
    });
  }

  private attach(session: Session): void {
    this.session = session;
    session.on('deliver_sm', (pdu: PDU) => {
      try {
        this.options.onDeliver(pdu);
        session.send(pdu.response());
      } catch {
        session.send(pdu.response({ command_status: this.smpp.ESME_RX_T_APPN }));
      }
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    let answered = true;
    this.enquireTimer = setInterval(() => {
      if (!answered) {
        // The last enquire_link went unanswered: the link is dead even if the socket does not know it yet.
        session.destroy();
        return;
      }
      answered = false;
      session.enquire_link({}, () => {
        answered = true;
      });
    }, this.options.enquireLinkMs);
    this.enquireTimer.unref();
    this.options.onSessionChange(true, null);
  }

  /** The session is gone: every submit still waiting for an answer is now of unknown outcome. */
  private lose(reason: string): void {
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = null;
    const hadSession = this.session !== null;
    this.session = null;
    for (const settle of [...this.pending]) settle(reason);
    if (hadSession) this.options.onSessionChange(false, reason);
  }

  private async takeSlot(): Promise<void> {
    if (this.freeSlots > 0) {
      this.freeSlots -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waitingForSlot.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waitingForSlot.shift();
    if (next) next();
    else this.freeSlots += 1;
  }
}

function connectionErrorText(error: NodeJS.ErrnoException, where: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `notify-desk could not connect to the SMS gateway at ${where} (nothing is listening there).`;
    case 'ENOTFOUND':
      return `notify-desk could not find the SMS gateway’s host ${where.replace(/:\d+$/, '')} (no computer has that name).`;
    case 'ECONNRESET':
      return `The SMS gateway at ${where} closed the connection.`;
    default:
      return `notify-desk could not connect to the SMS gateway at ${where} (${error.message}).`;
  }
}

function bindRefusalText(smpp: Smpp, status: number, where: string): string {
  if (status === smpp.ESME_RINVPASWD || status === smpp.ESME_RINVSYSID) {
    return `The SMS gateway at ${where} refused the system id or password. Check them with your SMS provider and add the provider again.`;
  }
  return `The SMS gateway at ${where} refused to log notify-desk in (SMPP status 0x${status.toString(16).padStart(8, '0')}).`;
}
