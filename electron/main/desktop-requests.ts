import { session } from 'electron';
import type { DesktopRequest } from '../core-host/protocol';
import type { LetterPrintPage } from '../core/letters/letter-print-page';
import { openElectronLetterPrintPage } from './letter-print-window';
import { chooseExportDestination } from './save-export-dialog';

/**
 * What the core (in its utility process) asks of the main process, which alone has Chromium: the system's proxy
 * settings, hidden windows that print letters to PDF, and the save dialog for exports. Pages left open by a core that stopped are closed when the
 * next one opens none of them (`closeAll`).
 */
export function createDesktopRequestHandler() {
  const pages = new Map<number, LetterPrintPage>();
  let nextPageId = 0;

  function pageFor(pageId: number): LetterPrintPage {
    const page = pages.get(pageId);
    if (!page) throw new Error('That letters print page is no longer open.');
    return page;
  }

  return {
    async handle(request: DesktopRequest): Promise<unknown> {
      switch (request.kind) {
        case 'resolve-proxy':
          return session.defaultSession.resolveProxy(request.url);
        case 'open-letter-page': {
          const pageId = nextPageId++;
          pages.set(pageId, await openElectronLetterPrintPage(request.documentHtml));
          return pageId;
        }
        case 'print-letter':
          return pageFor(request.pageId).print(request.bodyHtml);
        case 'choose-export-destination':
          return chooseExportDestination(request.suggestedFileName);
        case 'close-letter-page': {
          const page = pages.get(request.pageId);
          pages.delete(request.pageId);
          await page?.close();
          return null;
        }
      }
    },
    async closeAll(): Promise<void> {
      const open = [...pages.values()];
      pages.clear();
      await Promise.all(open.map((page) => page.close()));
    },
  };
}
