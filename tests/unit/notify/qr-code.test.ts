import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeQrCode } from '../../../shared/notify/qr-code';
import { qrCodePath, qrCodeSvg } from '../../../shared/notify/qr-code-svg';
import { renderLetter } from '../../../shared/notify/letter-template';
import { makeTempDir } from '../../helpers/temp-dir';

// What segno (Notify's encoder) chooses for each text: scripts/segno-qr-cases.py.
const segno = JSON.parse(readFileSync(new URL('../../fixtures/segno-qr-codes.json', import.meta.url), 'utf8')) as {
  cases: { text: string; version: number; level: string; mode: string }[];
};
const temp = makeTempDir('notify-desk-qr-');
afterAll(() => temp.remove());

/** What a scanner reads from the modules: drawn with a quiet zone as a PGM image, read by zbar (Debian's zbar-tools). */
function scan(modules: readonly (readonly boolean[])[]): string {
  const scale = 4;
  const quiet = 4;
  const size = (modules.length + quiet * 2) * scale;
  const pixels = Buffer.alloc(size * size, 255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy += 1)
        pixels.fill(
          0,
          ((y + quiet) * scale + dy) * size + (x + quiet) * scale,
          ((y + quiet) * scale + dy) * size + (x + quiet + 1) * scale,
        );
    }),
  );
  const file = join(temp.path, 'code.pgm');
  writeFileSync(file, Buffer.concat([Buffer.from(`P5 ${size} ${size} 255\n`), pixels]));
  return execFileSync('zbarimg', ['--quiet', '--raw', '-Sbinary', file], {
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString('latin1');
}

describe('QR codes for letters, encoded by the qrcode package', () => {
  it('choose the version, level and mode segno chooses when Notify calls it (level M, boosted, one segment)', () => {
    expect(segno.cases.length).toBeGreaterThan(150);
    const differences = segno.cases
      .map(({ text, version, level, mode }) => {
        try {
          const code = encodeQrCode(text);
          const ours = { version: code.version, level: code.level, mode: code.mode };
          return JSON.stringify(ours) === JSON.stringify({ version, level, mode })
            ? null
            : { text, ours, segno: { version, level, mode } };
        } catch (error) {
          return { text, error: String(error) };
        }
      })
      .filter(Boolean);
    expect(differences).toEqual([]);
  });

  it('scan back to the text: URLs, digits, capitals, ISO 8859-1 and UTF-8 text, up to Notify’s 504 bytes', () => {
    for (const text of [
      'https://www.gov.uk/pay?reference=AB-12&amount=40',
      '0123456789012345',
      'HTTPS://GOV.UK/PAY',
      'https://example.com/café',
      'Caerdydd ŵ ŷ 🚀',
      'https://example.com/' + 'x'.repeat(484),
    ]) {
      const bytes = scan(encodeQrCode(text).modules);
      expect(/^[\u0000-\u00ff]*$/.test(text) ? bytes : Buffer.from(bytes, 'latin1').toString('utf8')).toBe(text);
    }
  });

  it('refuse more data than the largest QR code holds with a RangeError', () => {
    expect(() => encodeQrCode('x'.repeat(2332))).toThrow(RangeError);
    expect(encodeQrCode('x'.repeat(2331)).version).toBe(40);
  });
});

describe('QR codes in letters', () => {
  it('draws the dark modules as one SVG path, row by row', () => {
    expect(
      qrCodePath([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toBe('M0 0h2v1H0zM3 0h1v1H3zM1 2h3v1H1z');
    const { modules } = encodeQrCode('https://www.gov.uk/');
    const drawn: boolean[][] = modules.map((row) => row.map(() => false));
    const svg = qrCodeSvg('https://www.gov.uk/');
    expect(svg).toContain(`viewBox='0 0 ${modules.length} ${modules.length}'`);
    for (const [, x, y, width] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1H\d+z/g)) {
      for (let column = Number(x); column < Number(x) + Number(width); column += 1) drawn[Number(y)]![column] = true;
    }
    expect(drawn).toEqual(modules);
  });

  it('puts the QR code of the filled-in, unescaped data in the letter body, and a stand-in for an unfilled placeholder', () => {
    const link = 'https://example.com/pay?ref=AB-12&amount=40';
    const letter = renderLetter({ subject: 'Pay', body: 'Scan to pay:\n\nqr: ((link))', values: { link } });
    expect(letter.bodyHtml).toContain(`<div class='qrcode'>${qrCodeSvg(link)}</div>`);
    const unfilled = renderLetter({ subject: 'Pay', body: 'qr: ((link))' });
    expect(unfilled.bodyHtml).toContain("<div class='qrcode-placeholder'>");
    expect(unfilled.bodyHtml).not.toContain('<svg');
  });
});
