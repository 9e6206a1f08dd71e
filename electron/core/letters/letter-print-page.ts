import { UserError } from '../dispatch';

/** A page of the host's Chromium holding the print document, reused for every letter of a run. */
export interface LetterPrintPage {
  /** Puts one letter's body into the print document and prints it to PDF (A4, with the document's own @page rules). */
  print(bodyHtml: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * How a host prints: Electron's own webContents.printToPDF in the desktop app, Debian's Chromium through
 * playwright-core on the command line and in web mode.
 */
export type OpenLetterPrintPage = (documentHtml: string) => Promise<LetterPrintPage>;

/** Chromium as the command line and web mode run it: headless, sandbox off (as in containers), no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

export function chromiumExecutablePath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

interface PrintingPageGlobals {
  document: { body: { innerHTML: string }; fonts: { ready: Promise<unknown> } };
}

/** One Chromium and one page for a whole run of letters. */
export const openChromiumLetterPrintPage: OpenLetterPrintPage = async (documentHtml) => {
  // Loaded only where it is used: the desktop app prints with Electron's own Chromium.
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumExecutablePath(), args: [...CHROMIUM_ARGS] });
  } catch (error) {
    throw new UserError(
      `Letters are laid out by Chromium, which could not be started at ${chromiumExecutablePath()} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). Install Chromium, or set CHROMIUM_PATH to where it is.`,
      'no-chromium',
    );
  }
  const running = browser;
  try {
    const page = await running.newPage({ javaScriptEnabled: true });
    // Nothing a letter holds may load anything from outside the document itself.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(documentHtml, { waitUntil: 'load' });
    return {
      async print(bodyHtml) {
        await page.evaluate(async (html) => {
          // Runs in the page; the core is compiled without the DOM's types.
          const { document } = globalThis as unknown as PrintingPageGlobals;
          document.body.innerHTML = html;
          await document.fonts.ready;
        }, bodyHtml);
        return page.pdf({ preferCSSPageSize: true, printBackground: true });
      },
      close: () => running.close(),
    };
  } catch (error) {
    await running.close();
    throw error;
  }
};
