import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startWebHost } from '../web/web-host';
import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';

export const rendererDir = fileURLToPath(new URL('../../renderer/dist', import.meta.url));

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}

export const webCommand: CliCommand = {
  name: 'web',
  summary: 'Serve the app to a browser on 127.0.0.1 (prints the address with its one-time token)',
  usage: 'web [--port N] [--no-open]',
  examples: ['web', 'web --port 8080 --no-open'],
  run: async (args, env) => {
    const { values } = parseOptions(args, { port: { type: 'string' }, 'no-open': { type: 'boolean' } });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number from 0 to 65535');
    const core = await env.openCore({ sync: true });
    const host = await startWebHost(core, { port, rendererDir });
    env.out(env.json ? JSON.stringify({ url: host.urlWithToken }) : host.urlWithToken);
    if (!values['no-open']) openInBrowser(host.urlWithToken);
    await env.stopRequested;
    await host.close();
    return 0;
  },
};
