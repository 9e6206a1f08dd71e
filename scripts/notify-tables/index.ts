// npm run generate:notify-tables: the tables of shared/notify that are made from Notify's own data files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBillingRatesSource } from './billing-rates-table';
import { buildCountriesTable } from './countries-table';
import { buildLocalOnlyLengthsSource } from './local-only-lengths-table';

export interface GeneratedFile {
  /** Relative to the repository's root. */
  path: string;
  content: string;
}

/** What the generated files must hold, made from scripts/notify-data under the given repository root. */
export function generateNotifyTables(root: string): GeneratedFile[] {
  const dataDirectory = join(root, 'scripts', 'notify-data');
  const countriesDirectory = join(dataDirectory, 'countries');
  const countryFiles = Object.fromEntries(
    readdirSync(countriesDirectory).map((name) => [name, readFileSync(join(countriesDirectory, name), 'utf8')]),
  );
  return [
    {
      path: 'shared/notify/international-billing-rates.ts',
      content: buildBillingRatesSource(readFileSync(join(dataDirectory, 'international_billing_rates.yml'), 'utf8')),
    },
    {
      path: 'shared/notify/countries-data.json',
      content: `${JSON.stringify(buildCountriesTable(countryFiles), null, 2)}\n`,
    },
    { path: 'shared/notify/phone-number-local-only-lengths.ts', content: buildLocalOnlyLengthsSource() },
  ];
}
