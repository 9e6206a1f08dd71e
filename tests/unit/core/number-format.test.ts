import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { builtInFormatCode } from '../../../electron/core/import/number-format/built-in-formats';
import { generalNumberText } from '../../../electron/core/import/number-format/general';
import { numberFormat } from '../../../electron/core/import/number-format/number-format';

const fixtures = new URL('../../fixtures/number-formats/', import.meta.url);
const show = (value: number, code: string, date1904 = false): string =>
  numberFormat(code).formatNumber(value, date1904);

/** One CSV line per row, as LibreOffice (quoted when needed) or gnumeric (never quoted, U+2212 for minus) wrote it. */
function csvCells(name: string): string[] {
  const lines = readFileSync(new URL(name, fixtures), 'utf8').replace(/\n$/, '').split('\n');
  return lines.map((line) =>
    line
      .replace(/^"(.*)"$/, '$1')
      .replaceAll('""', '"')
      .replaceAll('\u2212', '-'),
  );
}

describe('number formats, against what LibreOffice and gnumeric show for the same cells', () => {
  const cases = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8')) as [number, string][];
  const libreOffice = csvCells('libreoffice.csv');
  const gnumeric = csvCells('gnumeric.csv');

  it('has a line from each program for every case', () => {
    expect(libreOffice).toHaveLength(cases.length);
    expect(gnumeric).toHaveLength(cases.length);
  });

  it.each(cases.map(([value, code], index) => ({ value, code, index })))(
    '$value in $code',
    ({ value, code, index }) => {
      // Each program departs from Excel somewhere (gnumeric rounds 1.005 down and writes General in 6 digits,
      // LibreOffice starts its 1900 calendar a day early): ours must agree with at least one of them.
      expect([libreOffice[index], gnumeric[index]]).toContain(show(value, code));
    },
  );
});

describe('number formats where Excel differs from both LibreOffice and gnumeric', () => {
  it('shows the minus sign of a negative number rounded to zero', () => {
    expect(show(-0.04, '0.0')).toBe('-0.0');
    expect(show(-0.001, '"£"#,##0.00')).toBe('-£0.00');
  });

  it('counts 29 February 1900, as Excel (and Lotus 1-2-3) does, and 1904 workbooks from 1 January 1904', () => {
    expect(show(59, 'dd/mm/yyyy')).toBe('28/02/1900');
    expect(show(60, 'dd/mm/yyyy')).toBe('29/02/1900');
    expect(show(61, 'dd/mm/yyyy')).toBe('01/03/1900');
    expect(show(0, 'dd/mm/yyyy')).toBe('00/01/1900');
    expect(show(0, 'dd/mm/yyyy', true)).toBe('01/01/1904');
    expect(show(44620, 'd mmmm yyyy', true)).toBe('1 March 2026');
    expect(show(44620, 'd mmmm yyyy', false)).toBe('28 February 2022');
  });

  it('keeps the decimal point of #.## when no decimals are left', () => {
    expect(show(1, '#.##')).toBe('1.');
  });

  it('writes [$-F800] and [$-F400] as Windows in the UK writes its long date and its time', () => {
    expect(show(44620.5, '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy')).toBe('28 February 2022');
    expect(show(44620.5, '[$-F400]h:mm:ss\\ AM/PM')).toBe('12:00:00');
  });
});

describe('number formats by Excel’s rules', () => {
  it('rounds half away from zero on the 15 digits Excel keeps, not on the binary value', () => {
    expect(show(1.005, '0.00')).toBe('1.01');
    expect(show(-1.005, '0.00')).toBe('-1.01');
    expect(show(0.045, '0.0%')).toBe('4.5%');
    expect(show(999.995, '#,##0.00')).toBe('1,000.00');
    expect(show(0.5, '0')).toBe('1');
    expect(show(9.96, '0.0')).toBe('10.0');
  });

  it('chooses the section: positive; negative without its sign; zero; text', () => {
    const code = '"£"#,##0.00;("£"#,##0.00);"nothing";"text: "@';
    expect(show(5, code)).toBe('£5.00');
    expect(show(-5, code)).toBe('(£5.00)');
    expect(show(0, code)).toBe('nothing');
    expect(numberFormat(code).formatText('abc')).toBe('text: abc');
    expect(numberFormat(code).changesText).toBe(true);
    expect(numberFormat('0.00').changesText).toBe(false);
    expect(numberFormat('0.00').formatText('007')).toBe('007');
    expect(numberFormat('"Ref "@').formatText('X1')).toBe('Ref X1');
    expect(show(-5, '0;')).toBe('');
  });

  it('applies conditions in order, then the section without one', () => {
    const code = '[<1]"under one";[<10]0.0;0';
    expect(show(0.5, code)).toBe('under one');
    expect(show(5, code)).toBe('5.0');
    expect(show(50, code)).toBe('50');
    expect(show(-3, '[<0]"minus";0')).toBe('minus');
  });

  it('writes literal text: quoted, escaped, currency and locale blocks, spaces for _x, nothing for *x or colours', () => {
    expect(show(5, '[Blue]0" units"')).toBe('5 units');
    expect(show(5, '\\£0')).toBe('£5');
    expect(show(5, '[$€-1809] #,##0.00')).toBe('€ 5.00');
    expect(show(5, '[$-809]0.0')).toBe('5.0');
    expect(show(5, '_-* #,##0_-')).toBe(' 5 ');
    expect(show(5, '0;[Red]-0')).toBe('5');
  });

  it('places digits around literals, with leading zeros, and groups thousands', () => {
    expect(show(7700900123, '00000 000000')).toBe('07700 900123');
    expect(show(123, '#####')).toBe('123');
    expect(show(0, '#,###')).toBe('');
    expect(show(1234567, '0,000')).toBe('1,234,567');
    expect(show(12, '0,000')).toBe('0,012');
    expect(show(5, '??0')).toBe('  5');
    expect(show(0.25, '0.0?')).toBe('0.25');
    expect(show(0.2, '0.0?')).toBe('0.2 ');
  });

  it('writes fractions, scientific and engineering notation', () => {
    expect(show(0.5, '?/?')).toBe('1/2');
    expect(show(3.14159, '# ???/???')).toBe('3  16/113');
    expect(show(0.1, '# ??/100')).toBe(' 10/100');
    expect(show(1234567, '0.00E+00')).toBe('1.23E+06');
    expect(show(0.0009876, '0.0E-0')).toBe('9.9E-4');
    expect(show(9.999, '0.00E+00')).toBe('1.00E+01');
    expect(show(123456, '##0.0E+0')).toBe('123.5E+3');
    expect(show(0, '0.00E+00')).toBe('0.00E+00');
  });

  it('writes dates and times: months against minutes, 12-hour clocks, elapsed time, fractions of a second', () => {
    expect(show(46327.3958333333, 'd/m/yyyy h:mm')).toBe('1/11/2026 9:30');
    expect(show(46327.3958333333, 'mm/dd hh:mm:ss')).toBe('11/01 09:30:00');
    expect(show(46327.3958333333, 'h "hours" m "minutes"')).toBe('9 hours 30 minutes');
    expect(show(46327.3958333333, 'mmm ss')).toBe('Nov 00');
    expect(show(0.9999999, 'hh:mm:ss')).toBe('00:00:00');
    expect(show(0.99999, 'hh:mm:ss.00')).toBe('23:59:59.14');
    expect(show(2.25, '[h]:mm')).toBe('54:00');
    expect(show(0.5, 'h AM/PM')).toBe('12 PM');
    expect(show(0, 'h am/pm')).toBe('12 am');
    expect(show(0.75, 'h A/P')).toBe('6 P');
    expect(show(46327, 'dddd')).toBe('Sunday');
    expect(show(46327, 'yy')).toBe('26');
    expect(show(46327, 'e')).toBe('2026');
    expect(show(46082, 'd.m')).toBe('1.3');
    expect(show(46082, 'DD/MM/YYYY')).toBe('01/03/2026');
  });

  it('writes a date Excel cannot show (####) as its number', () => {
    expect(show(-1, 'dd/mm/yyyy')).toBe('-1');
    expect(show(3e6, 'dd/mm/yyyy')).toBe('3000000');
  });

  it('writes General to 15 significant digits, whole numbers in full, tiny numbers in scientific notation', () => {
    expect(generalNumberText(0.1 + 0.2)).toBe('0.3');
    expect(generalNumberText(447700900123)).toBe('447700900123');
    expect(generalNumberText(-0.5)).toBe('-0.5');
    expect(generalNumberText(1e-7)).toBe('1E-07');
    expect(generalNumberText(1.5e-10)).toBe('1.5E-10');
    expect(generalNumberText(1e21)).toBe('1E+21');
    expect(generalNumberText(2 / 3)).toBe('0.666666666666667');
    expect(show(5, 'General" each"')).toBe('5 each');
    expect(show(-5, 'General;(General)')).toBe('(5)');
  });

  it('knows the built-in formats, the date and currency ones as Excel shows them in the UK', () => {
    expect(show(46327, builtInFormatCode(14))).toBe('01/11/2026');
    expect(show(46327.5, builtInFormatCode(22))).toBe('01/11/2026 12:00');
    expect(show(-1234.5, builtInFormatCode(8))).toBe('-£1,234.50');
    expect(show(1234.5, builtInFormatCode(44))).toBe(' £1,234.50 ');
    expect(show(0, builtInFormatCode(44))).toBe(' £-   ');
    expect(show(0.5, builtInFormatCode(9))).toBe('50%');
    expect(show(1.5, builtInFormatCode(46))).toBe('36:00:00');
    expect(numberFormat(builtInFormatCode(49)).formatText('0123')).toBe('0123');
    expect(builtInFormatCode(58)).toBe('General');
  });

  it('never throws, whatever the code, and gives text for every number', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = '0#?.,%E+-/@"\\_*[]$<>=;:hmsdyAPM GenrlRd£ ';
    for (let round = 0; round < 3000; round += 1) {
      const code = Array.from(
        { length: 1 + Math.floor(random() * 20) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const value = (random() - 0.3) * 10 ** Math.floor(random() * 12 - 4);
      expect(typeof show(value, code), code).toBe('string');
      expect(typeof numberFormat(code).formatText('x'), code).toBe('string');
    }
  });
});
