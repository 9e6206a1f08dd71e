import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCountriesTable } from '../../../scripts/notify-tables/countries-table';
import { generateNotifyTables } from '../../../scripts/notify-tables/index';
import { findCountry } from '../../../shared/notify/countries';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('tables generated from Notify data files (npm run generate:notify-tables)', () => {
  it.each(generateNotifyTables(root).map((file) => [file.path, file] as const))(
    '%s is what the script makes from scripts/notify-data',
    (path, file) => {
      expect(readFileSync(`${root}/${path}`, 'utf8')).toBe(file.content);
    },
  );
});

describe('the names Notify accepts on the last line of an address', () => {
  it.each([
    ['ENG', 'United Kingdom'],
    ['SCT', 'United Kingdom'],
    ['WLS', 'United Kingdom'],
    ['NIR', 'United Kingdom'],
    ['Britiain', 'United Kingdom'],
    ['Englsnd', 'United Kingdom'],
    ['An Rywvaneth Unys', 'United Kingdom'],
    ['Rìoghachd Aonaichte', 'United Kingdom'],
    ['Ríocht Aontaithe', 'United Kingdom'],
    ['Unitit Kinrick', 'United Kingdom'],
    ['Great Britan', 'United Kingdom'],
    ['Gret Britain', 'United Kingdom'],
    ['Scottland', 'United Kingdom'],
    ['United Kingdom of Great Britain and Northern Ireland', 'United Kingdom'],
    ['The United Kingdom of Great Britain and Northern Ireland', 'United Kingdom'],
    ['Yr Alban', 'United Kingdom'],
    ['Y Deyrnas Unedig', 'United Kingdom'],
    ['ශ්‍රී ලංකා', 'Sri Lanka'],
    ['ශ්‍රී ලංකාව', 'Sri Lanka'],
    ['Occupied Palestinian Territories', 'Occupied Palestinian Territories'],
    ['East Germany', 'Germany'],
    ['Czechoslovakia', 'Czechia'],
    ['Alderney', 'United Kingdom'],
    ['Tenerife', 'Canary Islands'],
  ])('%s is %s', (name, canonical) => {
    expect(findCountry(name)?.name).toBe(canonical);
  });

  it('leaves out countries that ended with no successor, and graph names with digits', () => {
    expect(findCountry('USSR')).toBeNull();
    expect(findCountry('Yugoslavia')).toBeNull();
    expect(findCountry('UM-67')).toBeNull();
  });

  it('is built as Notify builds it: a later name wins, and a name with a digit stops the build', () => {
    const files = {
      'location-autocomplete-graph.json': JSON.stringify({
        'country:AA': { edges: { from: [] }, meta: { canonical: true }, names: { 'en-GB': 'Aland' } },
        'nym:A': { edges: { from: ['nym:B'] }, meta: { canonical: false }, names: { 'en-GB': 'Old Aland' } },
        'nym:B': { edges: { from: ['country:AA'] }, meta: { canonical: false }, names: { 'en-GB': 'Aland Islands' } },
        'country:ZZ': { edges: { from: [] }, meta: { canonical: true }, names: { 'en-GB': 'Gone' } },
      }),
      'ended-countries.json': '{"Gone": null}',
      'ignored-numeric-synonyms.txt': '',
      'uk-islands.txt': 'Herm\n',
      'european-islands.txt': 'Corsica\n',
      'welsh-names.json': '{"Aland": "Welsh Aland"}',
      'synonyms.json': '{"OLD-ALAND": "Somewhere else"}',
      'europe.txt': 'Aland\n',
      'uk-postcode-zones.txt': 'AB\nZE\n',
    };
    const table = buildCountriesTable(files);
    expect(table.canonicalNamesByKey).toEqual({
      aland: 'Welsh Aland',
      alandislands: 'Aland',
      oldaland: 'Somewhere else',
      herm: 'United Kingdom',
      corsica: 'Corsica',
    });
    expect(table.ukPostcodeZones).toEqual(['AB', 'ZE']);
    expect(() => buildCountriesTable({ ...files, 'synonyms.json': '{"Route 66": "Nowhere"}' })).toThrow(/digit/);
  });
});
