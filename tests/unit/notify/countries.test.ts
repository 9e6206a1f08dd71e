import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countryLookupKey, findCountry, unknownCountryMessage } from '../../../shared/notify/countries';

interface CountryExpectation {
  found: boolean;
  canonical_name?: string;
  postage_zone?: string;
  error?: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/countries.json', import.meta.url), 'utf8'),
) as { cases: { input: string; expected: CountryExpectation }[] };

describe('findCountry (Notify vectors)', () => {
  it.each(vectors.cases.map((vector) => [vector.input, vector.expected] as const))('%s', (input, expected) => {
    const country = findCountry(input);
    if (expected.found) {
      expect(country).toEqual({ name: expected.canonical_name, postage: expected.postage_zone });
    } else {
      expect(country).toBeNull();
      expect(unknownCountryMessage(input)).toBe(expected.error);
    }
  });
});

describe('findCountry', () => {
  it('maps the UK, its nations and the Crown dependencies to United Kingdom', () => {
    for (const name of [
      'UK',
      'Great Britain',
      'Britain',
      'Scotland',
      'Cymru',
      'Northern Ireland',
      'Isle of Man',
      'Sark',
    ]) {
      expect(findCountry(name)).toEqual({ name: 'United Kingdom', postage: 'united-kingdom' });
    }
  });

  it('ignores case, spacing, punctuation and accents', () => {
    expect(findCountry('  cote d’IVOIRE ')?.name).toBe('Ivory Coast');
    expect(findCountry('Sao Tome + Principe')?.name).toBe('Sao Tome and Principe');
    expect(findCountry('Curacao')?.name).toBe('Curaçao');
  });

  it('tries the name with the, yr and y in front', () => {
    expect(findCountry('Gambia')?.name).toBe('The Gambia');
    expect(findCountry('Eidal')?.name).toBe('Italy');
    expect(findCountry('Swistir')?.name).toBe('Switzerland');
  });

  it('never treats a name with a digit as a country', () => {
    expect(findCountry('France 1')).toBeNull();
    expect(findCountry('SW1A 1AA')).toBeNull();
  });

  it('gives European and rest-of-world postage', () => {
    expect(findCountry('Canary Islands')?.postage).toBe('europe');
    expect(findCountry('Japan')?.postage).toBe('rest-of-world');
  });

  it('keeps characters that cannot be made ASCII in the lookup key', () => {
    expect(countryLookupKey('Россия')).toBe('россия');
    expect(countryLookupKey("Lao People's Rep.")).toBe('laopeoplesrep');
  });
});
