import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedAnswer {
  status: number;
  body: string;
}

export interface NotifyProxy {
  url: string;
  /** Answers seen, by HTTP status. */
  statuses: Map<number, number>;
  /** From the first request whose path matches, the connection is dropped and every later one refused, until `endOutage`. */
  startOutageAt(path: RegExp): void;
  endOutage(): Promise<void>;
  /** Rewrites answers to matching paths (as if Notify held different data, or failed oddly), or stops doing so with null. */
  rewrite(path: RegExp, change: ((answer: ProxiedAnswer) => ProxiedAnswer) | null): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of a Notify simulator, for faults the simulator cannot time by itself: an
 * outage that starts at a given request, and answers that differ from what the simulator holds. Every answer is sent
 * with `Connection: close`, so each request opens a connection of its own and an outage refuses it.
 */
export async function startNotifyProxy(target: string): Promise<NotifyProxy> {
  const upstream = new URL(target);
  const statuses = new Map<number, number>();
  let outageFrom: RegExp | null = null;
  const rewrites = new Map<string, { path: RegExp; change: (answer: ProxiedAnswer) => ProxiedAnswer }>();
  let server: Server;
  let port = 0;

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer) => {
    const path = incoming.url ?? '/';
    const upstreamRequest = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path,
        headers: { ...incoming.headers, host: upstream.host },
        agent: false,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let proxied: ProxiedAnswer = {
            status: answer.statusCode ?? 502,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          const rewrite = [...rewrites.values()].find((candidate) => candidate.path.test(path));
          if (rewrite) proxied = rewrite.change(proxied);
          statuses.set(proxied.status, (statuses.get(proxied.status) ?? 0) + 1);
          outgoing.writeHead(proxied.status, {
            'content-type': answer.headers['content-type'] ?? 'application/json',
            connection: 'close',
          });
          outgoing.end(proxied.body);
        });
      },
    );
    upstreamRequest.on('error', () => outgoing.destroy());
    upstreamRequest.end(body);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((incoming, outgoing) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          if (outageFrom?.test(incoming.url ?? '/')) {
            incoming.socket.destroy();
            void stopListening();
            return;
          }
          forward(incoming, outgoing, Buffer.concat(chunks));
        });
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    statuses,
    startOutageAt(path) {
      outageFrom = path;
    },
    async endOutage() {
      outageFrom = null;
      if (!server.listening) await listen();
    },
    rewrite(path, change) {
      if (change) rewrites.set(path.source, { path, change });
      else rewrites.delete(path.source);
    },
    close: stopListening,
  };
}
