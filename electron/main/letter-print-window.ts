import { BrowserWindow } from 'electron';
import type { OpenLetterPrintPage } from '../core/letters/letter-print-page';

/**
 * The desktop app prints letters with its own Chromium: a hidden, sandboxed window in a session of its own holding
 * the print document, each letter put into it in turn and printed with webContents.printToPDF.
 */
export const openElectronLetterPrintPage: OpenLetterPrintPage = async (documentHtml) => {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      partition: 'letter-printing',
      spellcheck: false,
    },
  });
  // Nothing a letter holds may load anything from outside the document itself.
  window.webContents.session.webRequest.onBeforeRequest((details, respond) =>
    respond({ cancel: !details.url.startsWith('data:') }),
  );
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  await window.loadURL(`data:text/html;base64,${Buffer.from(documentHtml).toString('base64')}`);
  return {
    async print(bodyHtml) {
      await window.webContents.executeJavaScript(
        `document.body.innerHTML = ${JSON.stringify(bodyHtml)}; document.fonts.ready.then(() => true)`,
      );
      return window.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, pageSize: 'A4' });
    },
    close: async () => window.destroy(),
  };
};
