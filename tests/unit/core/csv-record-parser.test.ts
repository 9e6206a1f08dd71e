import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvRecordParser, CsvSyntaxError } from '../../../electron/core/import/csv-record-parser';
import type { Delimiter } from '../../../electron/core/import/delimiter';

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

type Outcome = { records: string[][] } | { error: 'quote-not-closed' };

function readWithOurs(pieces: readonly string[], delimiter: Delimiter = ','): Outcome {
  const parser = new CsvRecordParser(delimiter, NO_LIMIT);
  const records: string[][] = [];
  try {
    for (const piece of pieces) records.push(...parser.push(piece));
    records.push(...parser.end());
  } catch (error) {
    if (error instanceof CsvSyntaxError && error.problem === 'quote-not-closed') return { error: 'quote-not-closed' };
    throw error;
  }
  return { records };
}

/** csv-parse, with the options notify-desk read CSV with before it had a parser of its own. */
function readWithCsvParse(text: string, delimiter: Delimiter = ','): Outcome {
  try {
    return { records: parse(text, { delimiter, relax_column_count: true, relax_quotes: true, ltrim: true }) };
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') return { error: 'quote-not-closed' };
    throw error;
  }
}

/** A small random generator with a seed, so that a failure can be run again. */
function randomText(seed: number, alphabet: readonly string[], maxLength: number): string {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state;
  };
  const length = next() % (maxLength + 1);
  let text = '';
  for (let index = 0; index < length; index += 1) text += alphabet[next() % alphabet.length];
  return text;
}

const ALPHABET = [
  'a',
  'b',
  '7',
  ' ',
  '\t',
  '"',
  '"',
  ',',
  ';',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '\u00a0',
  '\ufeff',
  'é',
  '🚀',
];

describe('the CSV record parser', () => {
  it('reads cells as Excel writes them: quotes, doubled quotes, line breaks and separators inside quotes', () => {
    const text =
      'phone number,name,note\r\n07700 900123,"Smith, Ann","She said ""hi""\r\nthen left"\r\n07700900124,Bo,\r\n';
    expect(readWithOurs([text])).toEqual({
      records: [
        ['phone number', 'name', 'note'],
        ['07700 900123', 'Smith, Ann', 'She said "hi"\r\nthen left'],
        ['07700900124', 'Bo', ''],
      ],
    });
  });

  it('keeps stray quotes as written, leaves out white space at the start of a cell, and keeps rows of any length', () => {
    expect(readWithOurs(['a,  b,"c"d,e"f"\n  "quoted, with space" ,x\n\n1\n'])).toEqual({
      records: [['a', 'b', '"c"d', 'e"f"'], ['"quoted, with space" ', 'x'], [''], ['1']],
    });
  });

  it('uses the first line break it meets for the whole file', () => {
    expect(readWithOurs(['a,b\nc\r\nd'])).toEqual({ records: [['a', 'b'], ['c\r'], ['d']] });
    expect(readWithOurs(['a,b\r\nc\nd,e\r\n'])).toEqual({
      records: [
        ['a', 'b'],
        ['c\nd', 'e'],
      ],
    });
    expect(readWithOurs(['a;b\rc;d'], ';')).toEqual({
      records: [
        ['a', 'b'],
        ['c', 'd'],
      ],
    });
  });

  it('says where a quote opens that never closes', () => {
    const parser = new CsvRecordParser(',', NO_LIMIT);
    parser.push('name,note\nAnn,fine\nBo,"never closed\nCy,more\n');
    expect(() => parser.end()).toThrow(expect.objectContaining({ problem: 'quote-not-closed', recordNumber: 3 }));
  });

  it('refuses a record larger than its limit, even one that never ends', () => {
    const parser = new CsvRecordParser(',', 100);
    parser.push('a,b\nc,d\n');
    expect(() => parser.push(`"${'x'.repeat(60)}`)).not.toThrow();
    expect(() => parser.push('y'.repeat(60))).toThrow(
      expect.objectContaining({ problem: 'record-too-large', recordNumber: 3 }),
    );
    expect(() => new CsvRecordParser(',', 100).push(`${'zzz,'.repeat(40)}\n`)).toThrow(
      expect.objectContaining({ problem: 'record-too-large', recordNumber: 1 }),
    );
  });

  it('reads every random text as csv-parse does, with each separator', () => {
    let compared = 0;
    for (const delimiter of [',', ';', '\t'] as const) {
      for (let seed = 1; seed <= 4000; seed += 1) {
        const text = randomText(seed * 7919, ALPHABET, 24);
        expect({ seed, delimiter, outcome: readWithOurs([text], delimiter) }).toEqual({
          seed,
          delimiter,
          outcome: readWithCsvParse(text, delimiter),
        });
        compared += 1;
      }
    }
    expect(compared).toBe(12_000);
  });

  it('reads the same records however the text is cut into pieces', () => {
    for (let seed = 1; seed <= 400; seed += 1) {
      const text = randomText(seed * 104_729, ALPHABET, 40);
      const whole = readWithOurs([text]);
      for (let cut = 0; cut <= text.length; cut += 1) {
        expect({ seed, cut, outcome: readWithOurs([text.slice(0, cut), text.slice(cut)]) }).toEqual({
          seed,
          cut,
          outcome: whole,
        });
      }
      const inSingleCharacters = [...text.split('')];
      expect({ seed, outcome: readWithOurs(inSingleCharacters) }).toEqual({ seed, outcome: whole });
    }
  });
});
