import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  autolinkUrls,
  createSanitisedHtmlForUrl,
  doNiceTypography,
  makeQuotesSmart,
  nl2br,
  percentEncode,
  replaceHyphensWithEnDashes,
  unlinkGovuk,
} from '../../../shared/notify/typography';

interface VectorCase {
  function: string;
  input: unknown;
  options: Record<string, unknown>;
  expected: unknown;
  note?: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/formatters.json', import.meta.url), 'utf8'),
) as { cases: VectorCase[] };

const typographyFunctions: Record<string, (value: string) => string> = {
  unlink_govuk_escaped: unlinkGovuk,
  make_quotes_smart: makeQuotesSmart,
  replace_hyphens_with_en_dashes: replaceHyphensWithEnDashes,
  nl2br,
  autolink_urls: (value) => autolinkUrls(value),
};

describe('typography vectors', () => {
  const cases = vectors.cases.filter(
    (vector) => vector.function in typographyFunctions && typeof vector.input === 'string',
  );
  it('covers every typography function', () => {
    expect(new Set(cases.map((vector) => vector.function))).toEqual(new Set(Object.keys(typographyFunctions)));
  });
  it.each(cases.map((vector) => [`${vector.function}(${JSON.stringify(vector.input)})`, vector] as const))(
    '%s',
    (_label, vector) => {
      const format = typographyFunctions[vector.function];
      expect(format?.(vector.input as string)).toBe(vector.expected);
    },
  );
});

describe('smart quotes', () => {
  it('leaves quotes inside tags and links alone', () => {
    expect(makeQuotesSmart(`<a href="x">'a'</a> 'b'`)).toBe(`<a href="x">'a'</a> ‘b’`);
    expect(makeQuotesSmart(`<span class='placeholder'>x</span>`)).toBe(`<span class='placeholder'>x</span>`);
  });

  it('curls a lone quote token by what came before it', () => {
    expect(makeQuotesSmart('<b>x</b>"')).toBe('<b>x</b>”');
    expect(makeQuotesSmart('<b> </b>"')).toBe('<b> </b>“');
  });

  it('keeps apostrophes straight in email addresses but curls them elsewhere', () => {
    expect(doNiceTypography("it's o'neil@example.com , ok")).toBe("it’s o'neil@example.com, ok");
  });
});

describe('links', () => {
  it('percent-encodes like urllib.parse.quote with Notify’s safe characters', () => {
    expect(percentEncode('https://a.b/c d"é?x=1&y=%20#f', ':/?#=&;%')).toBe('https://a.b/c%20d%22%C3%A9?x=1&y=%20#f');
  });

  it('adds http:// only when there is no known protocol', () => {
    expect(createSanitisedHtmlForUrl('tel:123')).toBe('<a href="tel:123">tel:123</a>');
    expect(createSanitisedHtmlForUrl('example.com', { classes: 'c' })).toBe(
      '<a class="c" href="http://example.com">example.com</a>',
    );
  });
});
