import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Core } from '../../electron/core/create-core';
import { findExportDownload } from '../../electron/core/record/export/export-jobs';
import { attachmentDisposition } from './attachment';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A finished export, by its download id, sent as a download (the data folder keeps it for a day, then removes it). */
export async function sendExportDownload(
  core: Core,
  request: IncomingMessage,
  response: ServerResponse,
  downloadId: string,
): Promise<void> {
  const download = await findExportDownload(core.ctx.dataDir, downloadId);
  if (!download) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end('This export has expired (exports are kept for a day). Export it again.');
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[download.fileName.split('.').pop() ?? ''] ?? 'application/octet-stream',
    'content-disposition': attachmentDisposition(download.fileName),
    'content-length': download.sizeBytes,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await pipeline(createReadStream(download.path), response);
}
