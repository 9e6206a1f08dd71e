import type { IncomingMessage, ServerResponse } from 'node:http';
import { inboxDownloadFileName } from '../../shared/notify/inbox-download';
import type { Core } from '../../electron/core/create-core';
import { writeInboxDownload } from '../../electron/core/inbox/inbox-download-writer';

/** Notify's inbox CSV, streamed to the browser as a download as it is written: no file is made on this computer. */
export async function sendInboxDownload(
  core: Core,
  request: IncomingMessage,
  response: ServerResponse,
  attachmentDisposition: (fileName: string) => string,
): Promise<void> {
  response.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': attachmentDisposition(inboxDownloadFileName()),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await writeInboxDownload(core.ctx.db, response);
}
