import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';
import { projectFolder } from '../../electron/core/project-folder';

export const rendererDir = (): string => join(projectFolder(import.meta.url), 'renderer', 'dist');

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}

export const webCommand: CliCommand = {
  name: 'web',
  summary: 'Serve the app to a browser on 127.0.0.1 (prints an address holding a one-time code)',
  usage: 'web [--port N] [--no-open]',
  examples: ['web', 'web --port 8080 --no-open'],
  run: async (args, env) => {
    const { values } = parseOptions(args, { port: { type: 'string' }, 'no-open': { type: 'boolean' } });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port takes a port number from 0 to 65535');
    const core = await env.openCore({ sync: true });
    const { startWebHost } = await import('../web/web-host');
    const host = await startWebHost(core, { port, rendererDir: rendererDir() });
    env.out(env.json ? JSON.stringify({ url: host.urlWithCode }) : host.urlWithCode);
    if (!values['no-open']) openInBrowser(host.urlWithCode);
    await env.stopRequested;
    await host.close();
    return 0;
  },
};
