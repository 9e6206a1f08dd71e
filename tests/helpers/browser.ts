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

/** The app in web mode on the data folder named in `env`, open in a fresh Chromium page. */
export async function openWebApp(env: NodeJS.ProcessEnv): Promise<{ web: RunningProcess; page: Page; close(): Promise<void> }> {
  const web = await startCli(['web', '--port', '0', '--no-open'], env);
  const chromium = await launchChromium();
  const page = await chromium.browser.newPage();
  await page.goto(web.firstLine);
  return {
    web,
    page,
    close: async () => {
      await chromium.close();
      await web.stop();
    },
  };
}
