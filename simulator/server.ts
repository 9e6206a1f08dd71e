import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { ApiError, LegacyRoutingError } from './api-error';
import type { SimulatorContext } from './context';
import { handleControlRequest } from './control-endpoints';
import { mergeSteadyFaults, struck, type FaultsRequest } from './faults';
import { handleApiRequest, requestKindOf, type ApiResult } from './routes';

// No CORS headers: a page from anywhere else in a browser on this computer must not be able to read or drive it.
const RESPONSE_HEADERS = {
  'Cache-Control': 'no-store, no-cache, private, must-revalidate',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
};

function sendJson(response: ServerResponse, status: number, json: unknown): void {
  const payload = JSON.stringify(json);
  response.writeHead(status, {
    ...RESPONSE_HEADERS,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

function sendResult(response: ServerResponse, result: ApiResult): void {
  if ('pdf' in result) {
    response.writeHead(result.status, {
      ...RESPONSE_HEADERS,
      'Content-Type': 'application/pdf',
      'Content-Length': result.pdf.length,
    });
    response.end(result.pdf);
  } else {
    sendJson(response, result.status, result.json);
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const internalServerError = (errorName: string) => ({
  status_code: 500,
  errors: [{ error: errorName, message: 'Internal server error' }],
});

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The HTTP listener: control endpoints, fault injection, outages, and Notify's API. */
export class SimulatorServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private outageTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly context: SimulatorContext,
    private readonly host: string,
    tls?: { cert: string; key: string },
  ) {
    const handler = (request: IncomingMessage, response: ServerResponse): void => void this.handle(request, response);
    this.server = tls
      ? createHttpsServer({ ...tls, keepAliveTimeout: 5_000 }, handler)
      : createServer({ keepAliveTimeout: 5_000 }, handler);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, this.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this.port;
  }

  setFaults(requested: FaultsRequest): void {
    this.context.faults = mergeSteadyFaults(this.context.faults, requested);
    if (requested.rateLimitStorm) {
      this.context.rateLimiter.startStorm(requested.rateLimitStorm.durationMs);
      this.context.log(`rate-limit storm for ${requested.rateLimitStorm.durationMs} ms`);
    }
    if (requested.outage) this.startOutage(requested.outage.durationMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.outageTimer);
    await this.stopListening();
  }

  /** Connections are refused for the duration, then it listens again on the same port. */
  private startOutage(durationMs: number): void {
    this.context.log(`outage for ${durationMs} ms`);
    clearTimeout(this.outageTimer);
    // Let the control request that asked for it be answered before its socket goes.
    setImmediate(() => {
      void this.stopListening().then(() => {
        if (this.closed) return;
        this.outageTimer = setTimeout(() => {
          if (!this.closed)
            this.listen(this.port).catch((error: Error) =>
              this.context.log(`could not listen again: ${error.message}`),
            );
        }, durationMs);
      });
    });
  }

  private stopListening(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) {
        this.destroySockets();
        resolve();
        return;
      }
      this.server.close(() => resolve());
      this.destroySockets();
    });
  }

  private destroySockets(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://simulator');
      const method = request.method ?? 'GET';
      const body = await readBody(request);
      if (url.pathname.startsWith('/_simulator/')) {
        const result = handleControlRequest(this.context, this, {
          method,
          path: url.pathname,
          authorization: request.headers.authorization,
          body,
        });
        sendJson(response, result.status, result.json);
        return;
      }
      const { faults } = this.context;
      const path = safelyDecodedPath(url.pathname);
      const kind = requestKindOf(method, path, body);
      const latencyMs = faults.latencyMs + (kind === undefined ? 0 : this.context.requestLatencyMs[kind]);
      if (latencyMs > 0) await delay(latencyMs);
      // An outage during the delay destroyed the connection: the request is never handled.
      if (request.socket.destroyed) return;
      if (struck(faults.resetRate)) {
        request.socket.destroy();
        return;
      }
      if (struck(faults.failRate)) {
        sendJson(response, 500, internalServerError('SimulatedFailure'));
        return;
      }
      const result = handleApiRequest(this.context, {
        method,
        path,
        search: url.searchParams,
        authorization: request.headers.authorization,
        body,
      });
      sendResult(response, result);
    } catch (error) {
      this.answerError(response, error);
    }
  }

  private answerError(response: ServerResponse, error: unknown): void {
    if (response.headersSent || response.destroyed) return;
    if (error instanceof ApiError) {
      sendJson(response, error.statusCode, error.envelope());
    } else if (error instanceof LegacyRoutingError) {
      sendJson(response, error.statusCode, { result: 'error', message: error.legacyMessage });
    } else {
      this.context.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendJson(response, 500, internalServerError(error instanceof Error ? error.constructor.name : 'Exception'));
    }
  }
}

function safelyDecodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
