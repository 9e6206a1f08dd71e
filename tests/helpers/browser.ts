import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
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
  // A function, not a string: the page's Content-Security-Policy forbids the eval a string predicate is polled with.
  const token = await page.waitForFunction(
    (key) =>
      (globalThis as unknown as { sessionStorage: { getItem(name: string): string | null } }).sessionStorage.getItem(
        key,
      ),
    SESSION_TOKEN_KEY,
  );
  return (await token.jsonValue()) as string;
}

/** A page in a context of its own (axe-core's Playwright binding needs pages made this way). */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  return context.newPage();
}

/**
 * The app in web mode on the data folder named in `env`, open in a fresh Chromium page. `token` is the session's,
 * for a test's own calls to the web host (the printed address's code can be used only once, and the page used it).
 */
export async function openWebApp(
  env: NodeJS.ProcessEnv,
  contextOptions: BrowserContextOptions = {},
): Promise<{ web: RunningProcess; page: Page; token: string; close(): Promise<void> }> {
  const web = await startCli(['web', '--port', '0', '--no-open'], env);
  const chromium = await launchChromium();
  let page: Page;
  let token: string;
  try {
    page = await newPage(chromium.browser, contextOptions);
    token = await openPrintedAddress(page, web.firstLine);
  } catch (error) {
    await chromium.close();
    await web.stop();
    throw error;
  }
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

/** The WCAG 2.2 AA rules axe-core checks every page and state against. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the page as it is now; `state` names what is on screen, for the failure message. Legacy mode
 * (axe.run in the page) because the email preview's sandboxed frame, which runs no script, stalls axe's per-frame
 * runs; the frame's content is Notify's own email HTML.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).setLegacyMode().analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
  );
  expect(violations, `axe-core on ${state}`).toEqual([]);
}
