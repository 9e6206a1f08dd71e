import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import {
  INBOX_DOWNLOAD_PATH,
  LETTER_PDF_DOWNLOAD_PATH,
  MAX_IMPORT_FILE_BYTES,
  RECORD_EXPORT_DOWNLOAD_PATH,
  REJECTED_ROWS_DOWNLOAD_PATH,
  UPLOAD_PATH,
  coreEventNames,
  permissionRefusal,
  uiCallRefusal,
  type CallResult,
  type Permission,
} from '../../shared/contract';
import { UploadTooLarge } from '../../electron/core/uploads/upload-store';
import { eventForPerson } from '../../electron/core/policy/person-events';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import type { Core } from '../../electron/core/create-core';
import { findLetterPdf } from '../../electron/core/handlers/letter-handlers';
import { findRejectedRowsFile, REJECTED_ROWS_CONTENT_TYPES } from '../../electron/core/import/rejected-rows-file';
import { rejectedRowsFolder } from '../../electron/core/import/run-import';
import { WebSessionKeys } from './session-keys';
import { attachmentDisposition } from './attachment';
import { sendExportDownload } from './export-download';
import { sendInboxDownload } from './inbox-download';
import { readStaticFile } from './static-files';

/**
 * A call's JSON is small: anything larger is refused before it is parsed, so that a huge or deeply nested body cannot
 * take the memory sending needs. Files travel as a stream to UPLOAD_PATH instead.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;
const tooLargeMessage =
  'This request is too large for notify-desk (at most 1 MB). Files are uploaded on their own: choose the file again.';
const uploadTooLargeMessage = `This file is too large: the largest file notify-desk reads is ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB. Split it into smaller files.`;

class RequestTooLarge extends Error {}

export interface WebHost {
  url: string;
  /** The address to open: it holds the launch's one-time code, exchanged by the page for the session's token. */
  urlWithCode: string;
  port: number;
  close(): Promise<void>;
}

/** The file's name as the page sent it (URI-encoded in a header), without any folder. */
function uploadFileName(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  try {
    const name = decodeURIComponent(header).replaceAll('\\', '/').split('/').pop()?.trim() ?? '';
    return name && name.length <= 255 ? name : null;
  } catch {
    return null;
  }
}

/** The body as text; past the limit the rest is read and dropped, so the caller still gets the answer. */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    let chunks: Buffer[] | null = declared > MAX_REQUEST_BYTES ? null : [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) chunks = null;
      chunks?.push(chunk);
    });
    request.on('end', () => (chunks ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new RequestTooLarge())));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function refuse(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, { ok: false, error: { message } } satisfies CallResult<never>);
}

/** The name after a download path, as sent (before any URL tidying); empty when it cannot be decoded. */
function downloadName(encodedName: string): string {
  try {
    return decodeURIComponent(encodedName);
  } catch {
    return '';
  }
}

interface SavedFile {
  path: string;
  fileName: string;
  sizeBytes: number;
  contentType: string;
}

/** A file of the data folder as a download, or a 404 with what to do instead. */
async function sendSavedFile(
  request: IncomingMessage,
  response: ServerResponse,
  saved: SavedFile | null,
  notFound: string,
): Promise<void> {
  if (!saved) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(notFound);
    return;
  }
  response.writeHead(200, {
    'content-type': saved.contentType,
    'content-disposition': attachmentDisposition(saved.fileName),
    'content-length': saved.sizeBytes,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  if (request.method === 'HEAD') response.end();
  else await pipeline(createReadStream(saved.path), response);
}

const codeRefusals = {
  spent:
    'This address has been used already. Go back to the notify-desk window you opened with it, or stop notify-desk web and start it again.',
  unknown: 'This is not the address notify-desk web printed. Open the address it printed.',
} as const;

/** A rejected-rows file of the data folder, by the name after the download path. */
async function sendRejectedRows(
  core: Core,
  request: IncomingMessage,
  response: ServerResponse,
  encodedName: string,
): Promise<void> {
  const saved = await findRejectedRowsFile(rejectedRowsFolder(core.ctx.dataDir), downloadName(encodedName));
  await sendSavedFile(
    request,
    response,
    saved && { ...saved, contentType: REJECTED_ROWS_CONTENT_TYPES[saved.format] },
    'There is no file of rows set aside with that name. It may have been moved or deleted: import the original file again to make a new one.',
  );
}

/** A saved letters PDF of the data folder, by the name after the download path. */
async function sendLetterPdf(
  core: Core,
  request: IncomingMessage,
  response: ServerResponse,
  encodedName: string,
): Promise<void> {
  const fileName = downloadName(encodedName);
  const saved = await findLetterPdf(core.ctx.dataDir, fileName);
  await sendSavedFile(
    request,
    response,
    saved && { ...saved, fileName, contentType: 'application/pdf' },
    'There is no letters PDF with that name. It may have been moved or deleted: the letters are still marked as printed, so print them again from Letters to print.',
  );
}

type SendDownload = (core: Core, request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * The files a page may download (each needs the session's token, as the event stream does), by their address, with
 * the permission each needs: the same as the call that made the file.
 */
function downloadFor(rawPath: string): { permission: Permission; send: SendDownload } | null {
  const named = (
    prefix: string,
    permission: Permission,
    send: (core: Core, request: IncomingMessage, response: ServerResponse, encodedName: string) => Promise<void>,
  ) =>
    rawPath.startsWith(prefix)
      ? {
          permission,
          send: (core: Core, request: IncomingMessage, response: ServerResponse) =>
            send(core, request, response, rawPath.slice(prefix.length)),
        }
      : null;
  if (rawPath === INBOX_DOWNLOAD_PATH) {
    return {
      permission: 'export-record',
      send: (core, request, response) => sendInboxDownload(core, request, response, attachmentDisposition),
    };
  }
  return (
    named(REJECTED_ROWS_DOWNLOAD_PATH, 'import-spreadsheets', sendRejectedRows) ??
    named(RECORD_EXPORT_DOWNLOAD_PATH, 'export-record', sendExportDownload) ??
    named(LETTER_PDF_DOWNLOAD_PATH, 'import-spreadsheets', sendLetterPdf)
  );
}

/**
 * Serves the built UI and the core's calls on 127.0.0.1 only. Every call needs this launch's random token, which the
 * page gets once for the one-time code in the address; Host and Origin must name this server, so other sites in the
 * same browser (or DNS rebinding) cannot reach the core.
 */
export async function startWebHost(core: Core, options: { port?: number; rendererDir: string }): Promise<WebHost> {
  const keys = new WebSessionKeys();
  let allowedHosts = new Set<string>();

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) refuse(response, 500, 'The request could not be handled.');
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) return refuse(response, 421, 'Unknown host.');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      return refuse(response, 403, 'Calls from other sites are refused.');
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // The path as sent: URL parsing would resolve `..` and `%2e%2e` away before the name could be refused.
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';

    if (url.pathname === '/session') {
      if (request.method !== 'POST') return refuse(response, 405, 'Use POST.');
      let code: unknown;
      try {
        code = (JSON.parse(await readBody(request)) as { code?: unknown } | null)?.code;
      } catch {
        return refuse(response, 400, 'The request was not valid JSON.');
      }
      const exchanged = keys.exchange(code);
      return 'token' in exchanged
        ? sendJson(response, 200, exchanged)
        : refuse(response, 401, codeRefusals[exchanged.refused]);
    }

    if (url.pathname === '/rpc') {
      if (request.method !== 'POST') return refuse(response, 405, 'Use POST.');
      const bearer = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
      if (!keys.acceptsToken(bearer))
        return refuse(response, 401, 'This page has no valid token: open the address notify-desk printed.');
      let payload: unknown;
      try {
        payload = JSON.parse(await readBody(request));
      } catch (error) {
        if (error instanceof RequestTooLarge) return refuse(response, 413, tooLargeMessage);
        return refuse(response, 400, 'The request was not valid JSON.');
      }
      const { name, args } = (payload ?? {}) as { name?: unknown; args?: unknown };
      const refusal = uiCallRefusal(name, args);
      if (refusal)
        return sendJson(response, 200, {
          ok: false,
          error: { message: refusal, code: 'names-a-file' },
        } satisfies CallResult<never>);
      return sendJson(response, 200, await core.call(name, args));
    }

    if (url.pathname === UPLOAD_PATH) {
      if (request.method !== 'POST') return refuse(response, 405, 'Use POST.');
      if (!keys.acceptsToken(request.headers.authorization?.match(/^Bearer (.+)$/)?.[1])) {
        return refuse(response, 401, 'This page has no valid token: open the address notify-desk printed.');
      }
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > MAX_IMPORT_FILE_BYTES) {
        response.setHeader('connection', 'close');
        return refuse(response, 413, uploadTooLargeMessage);
      }
      const fileName = uploadFileName(request.headers['x-file-name']);
      if (!fileName) return refuse(response, 400, 'The file has no name. Choose it again.');
      try {
        const { uploadId } = await core.uploads.receive(fileName, request, MAX_IMPORT_FILE_BYTES);
        return sendJson(response, 200, { ok: true, value: { uploadId } } satisfies CallResult<{ uploadId: string }>);
      } catch (error) {
        if (error instanceof UploadTooLarge) {
          // The rest of the body is never read: the connection cannot carry another request.
          response.setHeader('connection', 'close');
          return refuse(response, 413, uploadTooLargeMessage);
        }
        throw error;
      }
    }

    if (url.pathname === '/events') {
      if (!keys.acceptsToken(url.searchParams.get('token')))
        return refuse(response, 401, 'This page has no valid token.');
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      const stop = core.events.onAny((event, payload) => {
        const shown = coreEventNames.includes(event) ? eventForPerson(core.ctx, event, payload) : null;
        if (shown !== null) response.write(`event: ${event}\ndata: ${JSON.stringify(shown)}\n\n`);
      });
      const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), 15_000);
      request.on('close', () => {
        clearInterval(heartbeat);
        stop();
      });
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Use GET.');

    const download = downloadFor(rawPath);
    if (download) {
      if (!keys.acceptsToken(url.searchParams.get('token')))
        return refuse(response, 401, 'This page has no valid token: open the address notify-desk printed.');
      if (!core.ctx.person.may(download.permission))
        return refuse(response, 403, permissionRefusal(download.permission, core.ctx.person.access.role));
      return download.send(core, request, response);
    }

    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The app has not been built: run npm run build:renderer.');
      return;
    }
    response.writeHead(200, {
      'content-type': file.contentType,
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    urlWithCode: `${url}?code=${keys.code}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
