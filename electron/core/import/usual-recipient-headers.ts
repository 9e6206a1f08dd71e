import { placeholderKey } from '../../../shared/notify/placeholders';

/**
 * Headers people commonly give the column that says who a message goes to, by the recipient column Notify names it
 * (compared as Notify compares headers: no spaces, `_` or `-`, any case). The desk's own help, not Notify's rule:
 * such a column is shown as matched, and can be changed.
 */
const USUAL_HEADERS: Readonly<Record<string, readonly string[]>> = {
  'phone number': [
    'mobile',
    'mobile number',
    'mobile no',
    'mobile phone',
    'mobile phone number',
    'mobile telephone',
    'mobile telephone number',
    'phone',
    'phone no',
    'telephone',
    'telephone number',
    'telephone no',
    'tel',
    'tel no',
    'contact number',
    'cell phone',
  ],
  'email address': ['email', 'e-mail', 'email addr', 'e-mail addr', 'emails'],
  'address line 1': ['address 1', 'address1', 'address line1'],
  'address line 2': ['address 2', 'address2'],
  'address line 3': ['address 3', 'address3'],
  'address line 4': ['address 4', 'address4'],
  'address line 5': ['address 5', 'address5'],
  'address line 6': ['address 6', 'address6'],
  postcode: ['post code', 'postal code', 'zip code'],
};

const fieldByUsualKey = new Map<string, string>(
  Object.entries(USUAL_HEADERS).flatMap(([field, headers]) =>
    headers.map((header) => [placeholderKey(header), field] as const),
  ),
);

/** The recipient column a header usually stands for, or null. */
export function usualRecipientField(header: string): string | null {
  return fieldByUsualKey.get(placeholderKey(header)) ?? null;
}
