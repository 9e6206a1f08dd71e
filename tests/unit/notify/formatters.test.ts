import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addPrefix,
  escapeHtml,
  formatFileSize,
  formattedList,
  insensitiveKey,
  normaliseMultipleNewlines,
  normaliseWhitespace,
  normaliseWhitespaceAndNewlines,
  pythonSplitLines,
  removeWhitespace,
  removeWhitespaceBeforePunctuation,
  stripAllWhitespace,
  stripAndRemoveObscureWhitespace,
  type FormattedListOptions,
} from '../../../shared/notify/formatters';

interface VectorCase {
  function: string;
  input: unknown;
  options: Record<string, unknown>;
  expected: unknown;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/formatters.json', import.meta.url), 'utf8'),
) as { cases: VectorCase[] };

function listOptions(options: Record<string, unknown>): FormattedListOptions {
  const text = (key: string): string | undefined => (typeof options[key] === 'string' ? options[key] : undefined);
  const number = typeof options.max_items_shown === 'number' ? options.max_items_shown : undefined;
  const result: FormattedListOptions = {};
  const mapping: Array<[keyof FormattedListOptions, string]> = [
    ['conjunction', 'conjunction'],
    ['beforeEach', 'before_each'],
    ['afterEach', 'after_each'],
    ['separator', 'separator'],
    ['prefix', 'prefix'],
    ['prefixPlural', 'prefix_plural'],
    ['wordForItemsNotShown', 'word_for_items_not_shown'],
  ];
  for (const [ours, theirs] of mapping) {
    const value = text(theirs);
    if (value !== undefined) (result as Record<string, unknown>)[ours] = value;
  }
  if (number !== undefined) result.maxItemsShown = number;
  return result;
}

const implementations: Record<string, (input: unknown, options: Record<string, unknown>) => unknown> = {
  formatted_list: (input, options) => formattedList(input as unknown[], listOptions(options)),
  escape_html: (input) => escapeHtml(input as string),
  remove_whitespace_before_punctuation: (input) => removeWhitespaceBeforePunctuation(input as string),
  strip_all_whitespace: (input) => stripAllWhitespace(input as string),
  strip_and_remove_obscure_whitespace: (input) => stripAndRemoveObscureWhitespace(input as string),
  normalise_whitespace: (input) => normaliseWhitespace(input as string),
  'normalise_whitespace_and_newlines+normalise_multiple_newlines': (input) =>
    normaliseMultipleNewlines(normaliseWhitespaceAndNewlines(input as string)),
  remove_whitespace: (input) => removeWhitespace(input as string),
  add_prefix: (input, options) => addPrefix(input as string, options.prefix as string | undefined),
  format_file_size: (input) => formatFileSize(input as number),
  insensitive_key: (input) => insensitiveKey(input as string),
};

const myCases = vectors.cases.filter((vector) => vector.function in implementations);

describe('formatters.json vectors', () => {
  it('covers every one of these formatters', () => {
    expect(new Set(myCases.map((vector) => vector.function)).size).toBe(Object.keys(implementations).length);
  });

  it.each(myCases.map((vector, index) => [index, vector.function, vector] as const))(
    '#%i %s',
    (_index, name, vector) => {
      const implementation = implementations[name];
      expect(implementation).toBeDefined();
      expect(implementation?.(vector.input, vector.options)).toEqual(vector.expected);
    },
  );
});

describe('whitespace helpers follow Python', () => {
  it('splits lines where Python splitlines does, without a trailing empty line', () => {
    expect(pythonSplitLines('a\r\nb\rc\u2028d\n')).toEqual(['a', 'b', 'c', 'd']);
    expect(pythonSplitLines('')).toEqual([]);
    expect(pythonSplitLines('\n\n')).toEqual(['', '']);
  });

  it('collapses Unicode spaces but removes zero-width ones', () => {
    expect(normaliseWhitespace('a\u2003\u3000b\u200Bc\u202Fd')).toBe('a bc d');
  });

  it('strips and removes obscure whitespace exactly as the full rule does, plain ASCII included, over 20,000 random strings', () => {
    const alphabet = [
      'a',
      'Z',
      '7',
      '-',
      '~',
      ' ',
      '\t',
      '\n',
      '\r',
      '\v',
      '\f',
      '\u001f',
      '\u007f',
      '\u00a0',
      '\u200b',
      '\u202f',
      '\ufeff',
      'é',
    ];
    let state = 12_345;
    const next = (): number => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let count = 0; count < 20_000; count += 1) {
      let value = '';
      for (let length = next() % 9; length > 0; length -= 1) value += alphabet[next() % alphabet.length];
      const fullRule = value
        .replace(/[\u180e\u200b\u200c\u200d\u2060\ufeff\u2028\u2029\u00a0\u202f]/g, '')
        .replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '');
      expect({ value, result: stripAndRemoveObscureWhitespace(value) }).toEqual({ value, result: fullRule });
    }
  });

  it('strips extra trailing characters only from the end', () => {
    expect(stripAllWhitespace(',a,\u200B', ',')).toBe(',a');
  });

  it('leaves a single newline pair alone and reduces longer runs', () => {
    expect(normaliseMultipleNewlines('a\n\nb\n\n\n\n\nc')).toBe('a\n\nb\n\nc');
  });

  it('does not add a prefix when there is none', () => {
    expect(addPrefix('Body', '')).toBe('Body');
    expect(addPrefix('Body', undefined)).toBe('Body');
  });
});

describe('escapeHtml', () => {
  it('keeps &nbsp; and &amp; as written', () => {
    expect(escapeHtml('a&nbsp;b &amp; c')).toBe('a&nbsp;b &amp; c');
  });

  it('decodes numeric references the way Python does', () => {
    expect(escapeHtml('&#x80;&#0;&#1;&#x110000;')).toBe('\u20AC\uFFFD\uFFFD');
  });

  it('decodes the longest legacy entity prefix of an unknown name', () => {
    expect(escapeHtml('&copyx;')).toBe('©x;');
  });

  it('escapes what it decoded', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&lt;b&gt;');
    expect(escapeHtml('&quot;')).toBe('"');
  });
});

describe('formatted lists and sizes', () => {
  it('escapes each item', () => {
    expect(formattedList(['<a>', 'b'])).toBe('‘&lt;a&gt;’ and ‘b’');
  });

  it('needs a word for the items not shown', () => {
    expect(() => formattedList([1, 2], { maxItemsShown: 1 })).toThrow(TypeError);
  });

  it('is empty for no items', () => {
    expect(formattedList([])).toBe('');
  });

  it('rounds exact ties to even like Python', () => {
    expect(formatFileSize(256)).toBe('0.2KB');
    expect(formatFileSize(1024 * 2.5)).toBe('2.5KB');
    expect(formatFileSize(10 * 1024)).toBe('1KB');
    expect(formatFileSize(1024 * 1024 * 12.34)).toBe('12.3MB');
  });
});
