import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { createProxy } from 'proxy';

export interface ConnectProxy {
  port: number;
  /** `http://127.0.0.1:PORT`, with the user name and password when given. */
  url(credentials?: { username: string; password: string }): string;
  /** The `host:port` of every tunnel asked for, accepted or not. */
  readonly tunnels: string[];
  close(): Promise<void>;
}

/** A CONNECT proxy (the `proxy` package) on 127.0.0.1, asking for a user name and password when given them. */
export async function startConnectProxy(required?: { username: string; password: string }): Promise<ConnectProxy> {
  const server = createProxy(createServer());
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  server.on('connect', (request: IncomingMessage) => tunnels.push(request.url ?? ''));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  if (required) {
    const expected = `Basic ${Buffer.from(`${required.username}:${required.password}`).toString('base64')}`;
    server.authenticate = (request) => request.headers['proxy-authorization'] === expected;
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: (credentials) =>
      `http://${credentials ? `${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@` : ''}127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
