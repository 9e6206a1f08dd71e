import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { encodeQrCode, qrCodeBytes, type ErrorCorrectionLevel } from '../../../shared/notify/qr-code';
import { qrCodePath, qrCodeSvg } from '../../../shared/notify/qr-code-svg';
import { renderLetter } from '../../../shared/notify/letter-template';

// The `qrcode` package (a devDependency, used only here) is an independent encoder to compare matrices with.
interface ReferenceModules {
  size: number;
  get(row: number, column: number): number | boolean;
}
interface ReferenceQrCode {
  version: number;
  maskPattern: number;
  modules: ReferenceModules;
}
interface ReferenceEncoder {
  create(segments: { data: Uint8Array; mode: 'byte' }[], options: { errorCorrectionLevel: ErrorCorrectionLevel; version?: number; maskPattern?: number }): ReferenceQrCode;
}
interface ReferencePenalties {
  getPenaltyN1(modules: ReferenceModules): number;
  getPenaltyN2(modules: ReferenceModules): number;
  getPenaltyN3(modules: ReferenceModules): number;
}
const require = createRequire(import.meta.url);
const reference = require('qrcode') as ReferenceEncoder;
const referencePenalties = require('qrcode/lib/core/mask-pattern') as ReferencePenalties;

function referenceMatrix(code: ReferenceQrCode): boolean[][] {
  const { size } = code.modules;
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => Boolean(code.modules.get(row, column))));
}

function referenceCode(text: string, level: ErrorCorrectionLevel, options: { version?: number; maskPattern?: number } = {}): ReferenceQrCode {
  return reference.create([{ data: qrCodeBytes(text), mode: 'byte' }], { errorCorrectionLevel: level, ...options });
}

const levels: ErrorCorrectionLevel[] = ['L', 'M', 'Q', 'H'];

/** Text of `length` characters that is not a repeat of one character. */
function sample(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789/:.?=&-_'): string {
  return Array.from({ length }, (_, index) => alphabet[(index * 7 + length) % alphabet.length]).join('');
}

describe('the QR code encoder', () => {
  it('chooses the smallest version and draws the same modules as an independent encoder, for versions 1 to 40', () => {
    const versions = new Set<number>();
    for (let length = 1; length <= 2300; length += length < 200 ? 5 : 53) {
      const text = sample(length);
      for (const level of levels) {
        let code;
        try {
          code = encodeQrCode(text, { level, boostLevel: false });
        } catch (error) {
          expect(() => referenceCode(text, level)).toThrow();
          expect(error).toBeInstanceOf(RangeError);
          continue;
        }
        const expected = referenceCode(text, level);
        expect(code.version, `${length} bytes at ${level}`).toBe(expected.version);
        expect(code.modules).toEqual(referenceMatrix(referenceCode(text, level, { version: code.version, maskPattern: code.mask })));
        versions.add(code.version);
      }
    }
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
  });

  it('draws every mask as the independent encoder does', () => {
    for (const [text, level] of [
      ['https://www.gov.uk/', 'M'],
      [sample(100), 'Q'],
      [sample(300), 'H'],
      [sample(504), 'M'],
    ] as const) {
      for (let mask = 0; mask < 8; mask += 1) {
        const code = encodeQrCode(text, { level, boostLevel: false, mask });
        expect(code.mask).toBe(mask);
        expect(code.modules).toEqual(referenceMatrix(referenceCode(text, level, { version: code.version, maskPattern: mask })));
      }
    }
  });

  it('picks the mask with the lowest penalty, the balance of dark modules scored in whole 5% steps as segno does', () => {
    for (let length = 3; length <= 400; length += 13) {
      const text = sample(length);
      const chosen = encodeQrCode(text, { boostLevel: false });
      const penalties = Array.from({ length: 8 }, (_, mask) => {
        const modules = referenceCode(text, 'M', { version: chosen.version, maskPattern: mask }).modules;
        let dark = 0;
        for (let row = 0; row < modules.size; row += 1) for (let column = 0; column < modules.size; column += 1) if (modules.get(row, column)) dark += 1;
        const percent = (dark * 100) / (modules.size * modules.size);
        return (
          referencePenalties.getPenaltyN1(modules) + referencePenalties.getPenaltyN2(modules) + referencePenalties.getPenaltyN3(modules) + Math.floor(Math.abs(percent - 50) / 5) * 10
        );
      });
      expect(chosen.mask, `${length} characters`).toBe(penalties.indexOf(Math.min(...penalties)));
    }
  });

  it('encodes text as ISO 8859-1 when it can, otherwise UTF-8, and the same modules follow', () => {
    expect([...qrCodeBytes('café')]).toEqual([0x63, 0x61, 0x66, 0xe9]);
    expect([...qrCodeBytes('Caerdydd ŵ')]).toEqual([...new TextEncoder().encode('Caerdydd ŵ')]);
    for (const text of ['https://example.com/café', 'https://example.com/ŵŷ/🚀']) {
      const code = encodeQrCode(text, { boostLevel: false });
      expect(code.modules).toEqual(referenceMatrix(referenceCode(text, 'M', { version: code.version, maskPattern: code.mask })));
    }
  });

  it('uses level M at least, boosted while the data still fits the same version (as Notify’s segno.make does)', () => {
    expect(encodeQrCode('https://example.com')).toMatchObject({ version: 2, level: 'Q' });
    expect(encodeQrCode('https://a.co')).toMatchObject({ version: 1, level: 'M' });
    expect(encodeQrCode('gov.uk')).toMatchObject({ version: 1, level: 'H' });
    expect(encodeQrCode(sample(26))).toMatchObject({ version: 2, level: 'M' });
    expect(encodeQrCode(sample(504))).toMatchObject({ version: 17, level: 'M' });
    expect(() => encodeQrCode(sample(2332))).toThrow(RangeError);
  });
});

describe('QR codes in letters', () => {
  it('draws the dark modules as one SVG path, row by row', () => {
    expect(qrCodePath([[true, true, false, true], [false, false, false, false], [false, true, true, true]])).toBe('M0 0h2v1H0zM3 0h1v1H3zM1 2h3v1H1z');
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
