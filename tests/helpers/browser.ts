import { chromium, type Browser, type Page } from 'playwright-core';
import { startCli, type RunningProcess } from './processes';

/** Debian's Chromium, headless, with nothing reaching out to the network by itself (Playwright gives it a fresh profile). */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** Where the page keeps the session token it got for the printed address's one-time code. */
const SESSION_TOKEN_KEY = 'notifyDesk.token';

/** Opens the address `notify-desk web` printed (it holds a one-time code) and waits until the page has its session token. */
export async function openPrintedAddress(page: Page, address: string): Promise<string> {
  await page.goto(address);
  const token = await page.waitForFunction(`window.sessionStorage.getItem(${JSON.stringify(SESSION_TOKEN_KEY)})`);
  return (await token.jsonValue()) as string;
}

/**
 * The app in web mode on the data folder named in `env`, open in a fresh Chromium page. `token` is the session's,
 * for a test's own calls to the web host (the printed address's code can be used only once, and the page used it).
 */
export async function openWebApp(env: NodeJS.ProcessEnv): Promise<{ web: RunningProcess; page: Page; token: string; close(): Promise<void> }> {
  const web = await startCli(['web', '--port', '0', '--no-open'], env);
  const chromium = await launchChromium();
  const page = await chromium.browser.newPage();
  const token = await openPrintedAddress(page, web.firstLine);
  return {
    web,
    page,
    token,
    close: async () => {
      await chromium.close();
      await web.stop();
    },
  };
}
