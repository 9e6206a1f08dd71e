import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import { APP_SCHEME } from './ipc-channels';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `app://notify-desk/`, never from a remote URL, with the strict CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const requested = normalize(join(rendererDir, decodeURIComponent(pathname)));
    const inside = requested.startsWith(rendererDir + sep);
    const file = inside && !pathname.endsWith('/') ? requested : join(rendererDir, 'index.html');
    let response = await net.fetch(pathToFileURL(file).toString());
    if (!response.ok) response = await net.fetch(pathToFileURL(join(rendererDir, 'index.html')).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
