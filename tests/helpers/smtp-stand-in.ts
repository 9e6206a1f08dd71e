// A local mail relay for tests and benchmarks: nodemailer's companion smtp-server on 127.0.0.1, recording what
// arrives (envelope, headers, the text and HTML parts), with faults on demand: a recipient refused (5xx), a
// temporary failure (4xx), the connection dropped once the message's data has arrived (before the 250), slowness.
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';

export interface ArrivedEmail {
  from: string;
  to: string[];
  /** Header names in lower case, values unfolded. */
  headers: Record<string, string>;
  text: string;
  html: string;
  /** The DSN envelope id the client asked for, when the relay advertised DSN. */
  envelopeId: string | null;
  /** It came over TLS. */
  secure: boolean;
  raw: string;
}

export interface SmtpFaults {
  /** Refuse this recipient at RCPT TO with 550. */
  refuseRecipient?: string;
  /** Answer this many of the next messages (after their data) with 451. */
  tempFailNext?: number;
  /** Drop the connection after receiving this many of the next messages' data, without answering. */
  dropAfterDataNext?: number;
  /** Wait this long before answering each message's data. */
  delayMs?: number;
}

export interface SmtpStandInOptions {
  /** With a user and password, AUTH is required. */
  user?: string;
  password?: string;
  /** A certificate for STARTTLS; without it the relay offers no STARTTLS. */
  tls?: { key: string; cert: string };
  /** A port of its own choosing (to come back where it was); any free one by default. */
  port?: number;
}

export class SmtpStandIn {
  readonly arrived: ArrivedEmail[] = [];
  /** Messages whose data the relay received, whatever it answered. */
  dataReceived = 0;
  faults: SmtpFaults = {};
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: SMTPServer) {}

  static async start(options: SmtpStandInOptions = {}): Promise<SmtpStandIn> {
    let standIn: SmtpStandIn | null = null;
    const settings: SMTPServerOptions = {
      logger: false,
      hideDSN: false,
      size: 10_000_000,
      ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { disabledCommands: ['STARTTLS'] }),
      ...(options.user
        ? {
            authMethods: ['PLAIN', 'LOGIN'],
            allowInsecureAuth: !options.tls,
            onAuth: (auth, _session, callback) =>
              auth.username === options.user && auth.password === options.password
                ? callback(null, { user: auth.username })
                : callback(new Error('Invalid username or password')),
          }
        : { authOptional: true }),
      onRcptTo: (address, _session, callback) => {
        if (standIn?.faults.refuseRecipient === address.address) {
          const error = new Error('5.1.1 No such user here') as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => standIn?.receive(stream, session, callback),
    };
    const server = new SMTPServer(settings);
    standIn = new SmtpStandIn(server);
    server.server.on('connection', (socket: Socket) => {
      standIn?.sockets.add(socket);
      socket.on('close', () => standIn?.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    return standIn;
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(
    stream: NodeJS.ReadableStream,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      this.dataReceived += 1;
      const faults = this.faults;
      if ((faults.dropAfterDataNext ?? 0) > 0) {
        faults.dropAfterDataNext = (faults.dropAfterDataNext ?? 1) - 1;
        // The relay has the whole message and goes away before its 250: the client cannot know.
        this.arrived.push(parseEmail(Buffer.concat(chunks).toString('utf8'), session));
        for (const connection of (this.server as unknown as { connections: Set<{ id: string; _socket: Socket }> })
          .connections) {
          if (connection.id === session.id) connection._socket.destroy();
        }
        return;
      }
      if ((faults.tempFailNext ?? 0) > 0) {
        faults.tempFailNext = (faults.tempFailNext ?? 1) - 1;
        const error = new Error('4.3.0 Try again later') as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      this.arrived.push(parseEmail(Buffer.concat(chunks).toString('utf8'), session));
      if (faults.delayMs) setTimeout(() => callback(), faults.delayMs);
      else callback();
    });
  }
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => `%${hex}`);
      return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
    }
    default:
      return body;
  }
}

/** Enough MIME for what the desk sends: headers, and a multipart/alternative of text/plain and text/html. */
function parseEmail(raw: string, session: SMTPServerSession): ArrivedEmail {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw.slice(0, split) + '\n\n' + body];
  let text = '';
  let html = '';
  for (const part of parts) {
    const partSplit = part.replace(/^\r?\n/, '').search(/\r?\n\r?\n/);
    const trimmed = part.replace(/^\r?\n/, '');
    const partHeaders = parseHeaders(trimmed.slice(0, partSplit));
    // SMTP carries lines ending CRLF; the parts are compared as the desk wrote them.
    const content = decodeBody(
      trimmed
        .slice(partSplit)
        .replace(/^\r?\n\r?\n/, '')
        .replace(/\r?\n$/, ''),
      partHeaders['content-transfer-encoding'],
    ).replace(/\r\n/g, '\n');
    if ((partHeaders['content-type'] ?? '').startsWith('text/html')) html = content;
    else if ((partHeaders['content-type'] ?? '').startsWith('text/plain')) text = content;
  }
  const envelope = session.envelope as typeof session.envelope & { dsn?: { envid?: string } };
  return {
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
    headers,
    text,
    html,
    envelopeId: envelope.dsn?.envid ?? null,
    secure: session.secure,
    raw,
  };
}
