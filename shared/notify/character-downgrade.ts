// Notify's per-character downgrade of text messages (SanitiseSMS) and of phone numbers (SanitiseASCII).

/** The GSM 03.38 extension table: each costs two characters of a text message. */
export const EXTENDED_GSM_CHARACTERS: ReadonlySet<string> = new Set('^{}\\[~]|€');

const BASIC_GSM_CHARACTERS =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The GSM 03.38 basic table plus its extension table. */
export const GSM_CHARACTERS: ReadonlySet<string> = new Set([...BASIC_GSM_CHARACTERS, ...EXTENDED_GSM_CHARACTERS]);

/** Welsh letters with grave, acute, diaeresis and circumflex, all kept in text messages. */
export const WELSH_DIACRITICS: ReadonlySet<string> = new Set(
  'àèìòùẁỳÀÈÌÒÙẀỲáéíóúẃýÁÉÍÓÚẂÝäëïöüẅÿÄËÏÖÜẄŸâêîôûŵŷÂÊÎÔÛŴŶ',
);

/** Welsh letters outside GSM: any of them makes the whole message UCS-2. */
export const WELSH_NON_GSM_CHARACTERS: ReadonlySet<string> = new Set(
  [...WELSH_DIACRITICS].filter((character) => !GSM_CHARACTERS.has(character)),
);

export const SMS_ALLOWED_CHARACTERS: ReadonlySet<string> = new Set([...GSM_CHARACTERS, ...WELSH_DIACRITICS]);

/** Printable ASCII, U+0020 to U+007E. */
export const ASCII_ALLOWED_CHARACTERS: ReadonlySet<string> = new Set(
  Array.from({ length: 0x7f - 0x20 }, (_unused, offset) => String.fromCharCode(0x20 + offset)),
);

/** Replacements for characters that have no canonical decomposition. */
export const DOWNGRADE_REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ['\u2011', '-'], // non-breaking hyphen
  ['\u2013', '-'], // en dash
  ['\u2014', '-'], // em dash
  ['\u2212', '-'], // minus sign
  ['\u2026', '...'], // horizontal ellipsis
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u201C', '"'],
  ['\u201D', '"'],
  ['\u201A', "'"], // single low-9 quotation mark
  ['\u201E', '"'], // double low-9 quotation mark
  ['\u180E', ''],
  ['\u200B', ''],
  ['\u200C', ''],
  ['\u200D', ''],
  ['\u2060', ''],
  ['\uFEFF', ''],
  ['\u2028', ''],
  ['\u2029', ''],
  ['\u00A0', ' '],
  ['\u202F', ' '],
  ['\t', ' '],
  ['\u0141', 'L'], // Ł
  ['\u0142', 'l'], // ł
]);

const UNKNOWN_CHARACTER = '?';
const FIRST_HANGUL_SYLLABLE = 0xac00;
const LAST_HANGUL_SYLLABLE = 0xd7a3;

/**
 * The first character of the character's own canonical decomposition (one level deep, as Python's
 * unicodedata.decomposition gives it), or undefined when it has none. Compatibility decompositions do not count.
 */
export function canonicalDecompositionHead(character: string): string | undefined {
  const codePoint = character.codePointAt(0) ?? 0;
  // Hangul syllables decompose algorithmically; unicodedata.decomposition reports nothing for them.
  if (codePoint >= FIRST_HANGUL_SYLLABLE && codePoint <= LAST_HANGUL_SYLLABLE) return undefined;
  const fullyDecomposed = character.normalize('NFD');
  if (fullyDecomposed === character) return undefined;
  const composed = character.normalize('NFC');
  if (composed !== character && isSingleCodePoint(composed)) return composed;
  // A two-part decomposition: the head, recomposed, is everything but the last combining mark.
  const codePoints = Array.from(fullyDecomposed);
  return codePoints.slice(0, -1).join('').normalize('NFC');
}

function isSingleCodePoint(text: string): boolean {
  const first = text.codePointAt(0);
  return first !== undefined && text.length === (first > 0xffff ? 2 : 1);
}

function makeCharacterDowngrade(allowed: ReadonlySet<string>): (character: string) => string {
  const cache = new Map<string, string>();
  return (character) => {
    if (allowed.has(character)) return character;
    const cached = cache.get(character);
    if (cached !== undefined) return cached;
    const head = canonicalDecompositionHead(character);
    let downgraded: string;
    if (head !== undefined) {
      downgraded = allowed.has(head) ? head : UNKNOWN_CHARACTER;
    } else {
      downgraded = DOWNGRADE_REPLACEMENTS.get(character) ?? UNKNOWN_CHARACTER;
    }
    cache.set(character, downgraded);
    return downgraded;
  };
}

/** One character (code point) downgraded to GSM plus Welsh, possibly to several characters or none. */
export const downgradeCharacterToGsm = makeCharacterDowngrade(SMS_ALLOWED_CHARACTERS);
/** One character (code point) downgraded to printable ASCII. */
export const downgradeCharacterToAscii = makeCharacterDowngrade(ASCII_ALLOWED_CHARACTERS);

function characterClass(characters: Iterable<string>): string {
  return [...characters].map((character) => `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`).join('');
}

const WELSH_NON_GSM = new RegExp(`[${characterClass(WELSH_NON_GSM_CHARACTERS)}]`, 'gu');
const EXTENDED_GSM = new RegExp(`[${characterClass(EXTENDED_GSM_CHARACTERS)}]`, 'gu');

/** One flag per UTF-16 code unit: 1 where the character is allowed as it is (all allowed characters are in the BMP). */
function allowedCodeUnitTable(allowed: ReadonlySet<string>): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const character of allowed) table[character.charCodeAt(0)] = 1;
  return table;
}

const SMS_ALLOWED_CODE_UNITS = allowedCodeUnitTable(SMS_ALLOWED_CHARACTERS);
const ASCII_ALLOWED_CODE_UNITS = allowedCodeUnitTable(ASCII_ALLOWED_CHARACTERS);

function downgradeText(text: string, allowed: Uint8Array, downgradeCharacter: (character: string) => string): string {
  let result = '';
  let keptFrom = 0;
  let index = 0;
  while (index < text.length) {
    const codeUnit = text.charCodeAt(index);
    if (allowed[codeUnit] === 1) {
      index += 1;
      continue;
    }
    const codePoint = text.codePointAt(index) ?? codeUnit;
    const width = codePoint > 0xffff ? 2 : 1;
    result += text.slice(keptFrom, index) + downgradeCharacter(text.slice(index, index + width));
    index += width;
    keptFrom = index;
  }
  return keptFrom === 0 ? text : result + text.slice(keptFrom);
}

/** Text as Notify sends it by SMS: GSM and Welsh characters kept, others downgraded or replaced by `?`. */
export function downgradeToGsm(text: string): string {
  return downgradeText(text, SMS_ALLOWED_CODE_UNITS, downgradeCharacterToGsm);
}

/** Text reduced to printable ASCII the same way (Notify uses it to retry parsing phone numbers). */
export function downgradeToAscii(text: string): string {
  return downgradeText(text, ASCII_ALLOWED_CODE_UNITS, downgradeCharacterToAscii);
}

/** The characters, each once in order of appearance, that cannot be sent by SMS and would become `?`. */
export function nonGsmCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const character of text) {
    if (SMS_ALLOWED_CHARACTERS.has(character) || found.has(character)) continue;
    const head = canonicalDecompositionHead(character);
    const downgradable = head !== undefined ? SMS_ALLOWED_CHARACTERS.has(head) : DOWNGRADE_REPLACEMENTS.has(character);
    if (!downgradable) found.add(character);
  }
  return [...found];
}

/** The Welsh characters outside GSM in the text, each once in order of appearance: any of them means UCS-2. */
export function welshNonGsmCharacters(text: string): string[] {
  const found = text.match(WELSH_NON_GSM);
  return found === null ? [] : [...new Set(found)];
}

/** How many characters of the GSM extension table (each sent as two) the text contains. */
export function countExtendedGsmCharacters(text: string): number {
  return text.match(EXTENDED_GSM)?.length ?? 0;
}
