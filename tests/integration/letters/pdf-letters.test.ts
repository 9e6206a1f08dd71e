import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../../../electron/core/letters/letter-print-page';
import { startTestCore } from '../../helpers/test-core';

let core: Core;
let stop: () => Promise<void>;
let browser: Browser;
beforeAll(async () => {
  ({ core, stop } = await startTestCore());
  browser = await chromium.launch({ executablePath: chromiumExecutablePath(), args: [...CHROMIUM_ARGS] });
});
afterAll(async () => {
  await browser?.close();
  await stop?.();
});

interface Placed {
  text: string;
  /** mm from the page's top-left corner. */
  x: number;
  y: number;
  page?: number;
  size?: number;
  color?: string;
}

/** A PDF a post room might make: text placed in millimetres on pages of the given size. */
async function makePdf(
  items: Placed[],
  options: { pages?: number; width?: number; height?: number } = {},
): Promise<string> {
  const pages = options.pages ?? 1;
  const width = options.width ?? 210;
  const height = options.height ?? 297;
  const page = await browser.newPage();
  const html = Array.from({ length: pages }, (_, index) => {
    const onPage = items.filter((item) => (item.page ?? 1) === index + 1);
    const spans = onPage.map(
      (item) =>
        `<div style="position:absolute;left:${item.x}mm;top:${item.y}mm;font-size:${item.size ?? 9}pt;color:${item.color ?? '#000'};white-space:pre;line-height:1.1">${item.text}</div>`,
    );
    return `<section style="position:relative;width:${width}mm;height:${height}mm;overflow:hidden;break-after:page">${spans.join('')}</section>`;
  }).join('');
  await page.setContent(
    `<html><head><style>@page{size:${width}mm ${height}mm;margin:0}body{margin:0;font-family:sans-serif}</style></head><body>${html}</body></html>`,
  );
  const pdf = await page.pdf({ preferCSSPageSize: true });
  await page.close();
  return pdf.toString('base64');
}

const ADDRESS: Placed = { text: 'Ann Example\n1 High Street\nLondon\nSW1A 1AA', x: 26, y: 45 };
const BODY: Placed = { text: 'Dear Ann, your council tax bill is enclosed.', x: 20, y: 110, size: 11 };

async function problemsOf(contentBase64: string): Promise<{ code: string; title: string; detail: string }[]> {
  return (await core.handlers['letters.checkPdf']({ fileName: 'letter.pdf', contentBase64 })).problems;
}

describe('PDF letters, checked as Notify checks precompiled letters', () => {
  it('reads the address from the envelope window and accepts a letter that follows the specification', async () => {
    const check = await core.handlers['letters.checkPdf']({
      fileName: 'letter.pdf',
      contentBase64: await makePdf([ADDRESS, BODY]),
    });
    expect(check).toEqual({
      fileName: 'letter.pdf',
      pageCount: 1,
      addressLines: ['Ann Example', '1 High Street', 'London', 'SW1A 1AA'],
      problems: [],
    });
  });

  it('refuses, in Notify’s words, a letter too long, not A4 portrait, with content outside the printable area, or with a NOTIFY tag after page 1', async () => {
    // Notify prints its tag in white in the top-left corner of a letter's first page.
    expect(await problemsOf(await makePdf([ADDRESS], { pages: 11 }))).toEqual([
      expect.objectContaining({
        code: 'letter-too-long',
        title: 'Your letter is too long',
        detail: 'Letters must be 10 pages or less (5 double-sided sheets of paper). Your letter is 11 pages long.',
      }),
    ]);
    expect(await problemsOf(await makePdf([ADDRESS], { width: 297, height: 210 }))).toEqual([
      expect.objectContaining({
        code: 'letter-not-a4-portrait-oriented',
        detail: 'You need to change the size or orientation of page 1. Files must meet our letter specification.',
      }),
    ]);
    expect(
      await problemsOf(
        await makePdf(
          [ADDRESS, BODY, { text: 'Margin note', x: 3, y: 150, page: 2 }, { text: 'Footer', x: 100, y: 294, page: 3 }],
          { pages: 3 },
        ),
      ),
    ).toEqual([
      expect.objectContaining({
        code: 'content-outside-printable-area',
        title: 'Your content is outside the printable area',
        detail: 'You need to edit pages 2 and 3. Files must meet our letter specification.',
        pages: [2, 3],
      }),
    ]);
    expect(
      await problemsOf(
        await makePdf([ADDRESS, BODY, { text: 'NOTIFY', x: 1.8, y: 1.8, page: 2, size: 6, color: '#fff' }], {
          pages: 2,
        }),
      ),
    ).toEqual([
      expect.objectContaining({
        code: 'notify-tag-found-in-content',
        detail: 'Your file includes a letter you’ve downloaded from Notify. You need to edit page 2.',
      }),
    ]);
  });

  it('checks the address it reads as Notify does', async () => {
    expect(await problemsOf(await makePdf([BODY]))).toEqual([
      expect.objectContaining({ code: 'address-is-empty', title: 'The address block is empty' }),
    ]);
    expect(await problemsOf(await makePdf([{ ...ADDRESS, text: 'Ann Example\nSW1A 1AA' }, BODY]))).toEqual([
      expect.objectContaining({
        code: 'not-enough-address-lines',
        detail: 'The address must be at least 3 lines long.',
      }),
    ]);
    expect(
      await problemsOf(await makePdf([{ ...ADDRESS, text: 'Ann Example\n1 High Street\nNot a postcode' }, BODY])),
    ).toEqual([
      expect.objectContaining({
        code: 'not-a-real-uk-postcode-or-country',
        detail: 'The last line of the address must be a UK postcode or another country.',
      }),
    ]);
  });

  it('refuses a file that is not a PDF, and queues a good letter for Notify, which takes it as a precompiled letter', async () => {
    const notPdf = await core.call('letters.sendPdf', {
      fileName: 'letter.pdf',
      contentBase64: Buffer.from('hello').toString('base64'),
    });
    expect(notPdf).toMatchObject({ ok: false, error: { code: 'not-a-pdf' } });
    const outside = await core.call('letters.sendPdf', {
      fileName: 'letter.pdf',
      contentBase64: await makePdf([ADDRESS, { text: 'x', x: 2, y: 200 }]),
    });
    expect(outside).toMatchObject({
      ok: false,
      error: {
        code: 'content-outside-printable-area',
        message:
          'Your content is outside the printable area. You need to edit page 1. Files must meet our letter specification.',
      },
    });

    // Even with letters printed in the post room, a PDF letter goes to Notify.
    await core.handlers['routes.set']({ channel: 'letter', providers: ['print'] });
    const { message } = await core.handlers['letters.sendPdf']({
      fileName: 'letter.pdf',
      contentBase64: await makePdf([ADDRESS, BODY]),
      postage: 'first',
    });
    expect(message).toMatchObject({
      type: 'letter',
      state: 'queued',
      recipient: 'Ann Example, 1 High Street, London, SW1A 1AA',
      templateName: 'Pre-compiled PDF',
    });
    await core.handlers['sync.now']({});
    const sent = await core.handlers['outbox.get']({ id: message.id });
    expect(sent).toMatchObject({ state: 'accepted', notifyId: expect.any(String) });
    const service = await core.ctx.activeService();
    const notification = await fetch(`${service.baseUrl}/v2/notifications/${sent.notifyId}`, {
      headers: { Authorization: `Bearer ${await bearer(service.apiKey)}` },
    }).then(
      (response) => response.json() as Promise<{ status: string; subject: string; postage: string; line_1: string }>,
    );
    expect(notification).toMatchObject({ subject: 'Pre-compiled PDF', postage: 'first', line_1: 'Provided as PDF' });
  });
});

async function bearer(apiKey: () => Promise<string>): Promise<string> {
  const { parseApiKey } = await import('../../../electron/core/notify-client/api-key');
  const { createNotifyToken } = await import('../../../electron/core/notify-client/jwt');
  const { serviceId, secret } = parseApiKey(await apiKey());
  return createNotifyToken(serviceId, secret);
}
