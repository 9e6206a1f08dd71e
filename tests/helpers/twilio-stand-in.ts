// A small local stand-in for Twilio's Messages API (2010-04-01) for tests: form-encoded POSTs with HTTP Basic auth
// create messages, GETs read them (statuses move on after a while), with faults on demand: refused requests,
// throttling (429), a connection dropped once the request has arrived, slowness, a server error.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface CreatedMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  createdAtMs: number;
}

export interface TwilioFaults {
  /** Answer 429 to this many of the next creates. */
  throttleNext?: number;
  /** Close the connection without answering on this many of the next creates, after keeping the message. */
  dropAfterCreateNext?: number;
  /** Wait this long before answering creates (the message is kept at once). */
  delayMs?: number;
  /** Answer 500 to this many of the next creates, after keeping the message. */
  serverErrorNext?: number;
}

export interface TwilioStandInOptions {
  accountSid: string;
  authToken: string;
  /** How long a message stays `sent` before it gets its final status. */
  deliverAfterMs?: number;
  /** The final status for a number (delivered by default), with its error code. */
  finalStatus?: (to: string) => { status: string; errorCode: number | null };
  /** Serve HTTPS with this certificate. */
  tls?: { key: string; cert: string };
  /** A port of its own choosing (to come back where it was); any free one by default. */
  port?: number;
}

export class TwilioStandIn {
  readonly created: CreatedMessage[] = [];
  /** Create requests that arrived, whatever the answer. */
  createRequests = 0;
  statusRequests = 0;
  faults: TwilioFaults = {};
  private sidCounter = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly options: TwilioStandInOptions,
  ) {}

  static async start(options: TwilioStandInOptions): Promise<TwilioStandIn> {
    let standIn: TwilioStandIn | null = null;
    const handler = (request: IncomingMessage, response: ServerResponse) => void standIn?.handle(request, response);
    const server: Server = options.tls ? createSecureServer(options.tls, handler) : createServer(handler);
    standIn = new TwilioStandIn(server, options);
    server.on('connection', (socket: Socket) => {
      standIn?.sockets.add(socket);
      socket.on('close', () => standIn?.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    return standIn;
  }

  get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await new Promise<string>((resolve) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => resolve(text));
    });
    const account = `/2010-04-01/Accounts/${this.options.accountSid}`;
    const expected = `Basic ${Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected || !request.url?.startsWith(account)) {
      return json(response, 401, { code: 20003, message: 'Authenticate', status: 401 });
    }
    const path = request.url.slice(account.length);
    if (request.method === 'GET' && path === '.json')
      return json(response, 200, { sid: this.options.accountSid, status: 'active' });
    if (request.method === 'POST' && path === '/Messages.json')
      return this.create(request, response, new URLSearchParams(body));
    const read = /^\/Messages\/([A-Za-z0-9]+)\.json$/.exec(path);
    if (request.method === 'GET' && read) {
      this.statusRequests += 1;
      const message = this.created.find((created) => created.sid === read[1]);
      return message
        ? json(response, 200, this.resource(message))
        : json(response, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    }
    return json(response, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
  }

  private create(request: IncomingMessage, response: ServerResponse, form: URLSearchParams): void {
    this.createRequests += 1;
    const faults = this.faults;
    if ((faults.throttleNext ?? 0) > 0) {
      faults.throttleNext = (faults.throttleNext ?? 1) - 1;
      return json(response, 429, { code: 20429, message: 'Too Many Requests', status: 429 });
    }
    const to = form.get('To') ?? '';
    if (!/^\+[1-9][0-9]{6,14}$/.test(to))
      return json(response, 400, {
        code: 21211,
        message: `The 'To' number ${to} is not a valid phone number.`,
        status: 400,
      });
    this.sidCounter += 1;
    const message: CreatedMessage = {
      sid: `SM${String(this.sidCounter).padStart(32, '0')}`,
      to,
      from: form.get('From') ?? '',
      body: form.get('Body') ?? '',
      createdAtMs: Date.now(),
    };
    this.created.push(message);
    if ((faults.dropAfterCreateNext ?? 0) > 0) {
      faults.dropAfterCreateNext = (faults.dropAfterCreateNext ?? 1) - 1;
      request.socket.destroy();
      return;
    }
    if ((faults.serverErrorNext ?? 0) > 0) {
      faults.serverErrorNext = (faults.serverErrorNext ?? 1) - 1;
      return json(response, 500, { code: 20500, message: 'Internal Server Error', status: 500 });
    }
    const answer = () => json(response, 201, this.resource(message));
    if (faults.delayMs) setTimeout(answer, faults.delayMs);
    else answer();
  }

  private resource(message: CreatedMessage): Record<string, unknown> {
    const final = Date.now() - message.createdAtMs >= (this.options.deliverAfterMs ?? 100);
    const outcome = final
      ? (this.options.finalStatus?.(message.to) ?? { status: 'delivered', errorCode: null })
      : { status: 'queued', errorCode: null };
    return {
      sid: message.sid,
      account_sid: this.options.accountSid,
      to: message.to,
      from: message.from,
      body: message.body,
      status: outcome.status,
      error_code: outcome.errorCode,
      error_message: outcome.errorCode ? 'Unreachable destination handset' : null,
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
    };
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
