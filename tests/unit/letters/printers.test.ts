import { describe, expect, it } from 'vitest';
import {
  cupsPrintArguments,
  parseCupsJob,
  parseCupsPrinters,
  parseWindowsPrinters,
  systemSpooler,
  cupsSpooler,
  windowsSpooler,
  windowsPrintEnvironment,
  WINDOWS_PRINT_RAW,
} from '../../../electron/core/letters/printers';
import { formatPageList, pdfLetterAddressProblem } from '../../../shared/notify/pdf-letter-messages';

describe('the operating system’s printing', () => {
  it('reads CUPS’ printers and the default, and the job id lp gives', () => {
    expect(parseCupsPrinters('PostRoom\nDeskPDF\n', 'system default destination: PostRoom\n')).toEqual([
      { name: 'PostRoom', isDefault: true },
      { name: 'DeskPDF', isDefault: false },
    ]);
    expect(parseCupsPrinters('', 'no system default destination\n')).toEqual([]);
    expect(parseCupsJob('request id is PostRoom-42 (1 file(s))\n')).toBe('PostRoom-42');
  });

  it('passes the printer, title and file to lp as separate arguments, A4, one side, unscaled', () => {
    expect(cupsPrintArguments('/tmp/a b.pdf', 'Post Room; rm -rf', 'notify-desk letters')).toEqual([
      '-d',
      'Post Room; rm -rf',
      '-o',
      'media=A4',
      '-o',
      'sides=one-sided',
      '-o',
      'print-scaling=none',
      '-t',
      'notify-desk letters',
      '--',
      '/tmp/a b.pdf',
    ]);
  });

  it('reads Windows printers from one object or a list, and gives the spooler script its input only through the environment', () => {
    expect(parseWindowsPrinters('{"Name":"Post room","Default":true}')).toEqual([
      { name: 'Post room', isDefault: true },
    ]);
    expect(
      parseWindowsPrinters('[{"Name":"A","Default":false},{"Name":"B","Default":true}]').map((printer) => printer.name),
    ).toEqual(['A', 'B']);
    expect(parseWindowsPrinters('')).toEqual([]);
    const env = windowsPrintEnvironment('C:\\letters.pdf', "O'Brien's printer", 'letters', {});
    expect(env).toEqual({
      NOTIFY_DESK_PRINT_FILE: 'C:\\letters.pdf',
      NOTIFY_DESK_PRINTER: "O'Brien's printer",
      NOTIFY_DESK_PRINT_TITLE: 'letters',
    });
    expect(WINDOWS_PRINT_RAW).toContain('$env:NOTIFY_DESK_PRINTER');
    expect(WINDOWS_PRINT_RAW).toContain('DataType = "RAW"');
    expect(systemSpooler('win32')).toBe(windowsSpooler);
    expect(systemSpooler('linux')).toBe(cupsSpooler);
    expect(systemSpooler('darwin')).toBe(cupsSpooler);
  });
});

describe('Notify’s words for an uploaded letter', () => {
  it('lists the pages as Notify does', () => {
    expect(formatPageList([2])).toBe('page 2');
    expect(formatPageList([2, 3])).toBe('pages 2 and 3');
    expect(formatPageList([1, 2, 4])).toBe('pages 1, 2 and 4');
  });

  it('reports address problems in template-preview’s order', () => {
    const problem = (text: string, allowInternational = true) => pdfLetterAddressProblem(text, { allowInternational });
    expect(problem('  ')).toBe('address-is-empty');
    expect(problem('A Person\nSW1A 1AA')).toBe('not-enough-address-lines');
    expect(problem('1\n2\n3\n4\n5\n6\n7\nSW1A 1AA')).toBe('too-many-address-lines');
    expect(problem('!!\n1 Street\nSW1A 1AA')).toBe('invalid-address-line-1-or-2');
    expect(problem('A Person\n1 Street\nBFPO 1234\nFrance')).toBe('has-country-for-bfpo-address');
    expect(problem('A Person\n1 Street\nNowhere')).toBe('not-a-real-uk-postcode-or-country');
    expect(problem('A Person\n1 Street\nNowhere', false)).toBe('not-a-real-uk-postcode');
    expect(problem('A Person\n1 Rue\nFrance', false)).toBe('cant-send-international-letters');
    expect(problem('=A Person\n1 Street\nSW1A 1AA')).toBe('invalid-char-in-address');
    expect(problem('A Person\nNo fixed abode\nSW1A 1AA')).toBe('no-fixed-abode-address');
    expect(problem('A Person\n1 Street\nSW1A 1AA')).toBeNull();
  });
});
