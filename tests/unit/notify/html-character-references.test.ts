import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unescapeStrict } from '../../../shared/notify/formatters';
import { unescapeHtml } from '../../../shared/notify/markdown-html-unescape';

// What Python's html.unescape (which Notify's formatters use) makes of each input: scripts/python-html-unescape-cases.py.
const { cases } = JSON.parse(
  readFileSync(new URL('../../fixtures/python-html-unescape.json', import.meta.url), 'utf8'),
) as {
  cases: [string, string][];
};

describe('HTML character references, decoded with the entities package', () => {
  it('decode every HTML5 named reference, prefix match and numeric reference as Python’s html.unescape does', () => {
    expect(cases.length).toBeGreaterThan(6000);
    const wrong = cases.filter(([input, expected]) => unescapeHtml(input) !== expected);
    expect(wrong).toEqual([]);
  });

  it('in Notify’s strict form, decode only references closed by “;”, each as Python does', () => {
    let checked = 0;
    for (const [input, expected] of cases) {
      const references = input.match(/&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/g) ?? [];
      if (references.every((reference) => reference.endsWith(';'))) {
        expect(unescapeStrict(input), input).toBe(expected);
        checked += 1;
      } else if (references.every((reference) => !reference.endsWith(';'))) {
        expect(unescapeStrict(input), input).toBe(input);
      }
    }
    expect(checked).toBeGreaterThan(2500);
  });
});
