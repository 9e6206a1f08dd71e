// Text messages as Notify renders and counts them (SMSMessageTemplate in notifications_utils/template.py).
import {
  countExtendedGsmCharacters,
  downgradeToGsm,
  EXTENDED_GSM_CHARACTERS,
  welshNonGsmCharacters,
} from './character-downgrade';
import {
  addPrefix,
  normaliseMultipleNewlines,
  normaliseWhitespaceAndNewlines,
  pythonStrip,
  removeWhitespaceBeforePunctuation,
} from './formatters';
import {
  compileField,
  fieldPlaceholders,
  placeholderKey,
  type PersonalisationValues,
  type TemplateFields,
} from './placeholders';

/** The longest text message Notify sends, not counting the service name prefix (6 fragments of 153). */
export const SMS_CHARACTER_LIMIT = 918;

const GSM_SINGLE_FRAGMENT = 160;
const GSM_MULTIPART_FRAGMENT = 153;
const UCS2_SINGLE_FRAGMENT = 70;
const UCS2_MULTIPART_FRAGMENT = 67;

// Stands in for unfilled placeholders while whitespace is tidied, then is removed, so they count as nothing
// but the spaces around them survive (the same sequence Notify uses).
const UNFILLED_MARKER = '\u{1F1EC}\u{1F1E7}\u{1F426}\u2709\uFE0F';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsMessage {
  /** What the recipient gets, prefix included. */
  rendered: string;
  /** UTF-16 code units of `rendered`. */
  characterCount: number;
  /** `characterCount` less the prefix and its `: `, never below 0. */
  characterCountWithoutPrefix: number;
  fragmentCount: number;
  /** How many characters (septets for GSM-7) the last fragment holds. */
  charactersInLastFragment: number;
  encoding: SmsEncoding;
  /** Characters of the GSM extension table (each sent as two), counted in GSM-7 messages. */
  extendedGsmCharacterCount: number;
  /** The Welsh characters that force UCS-2. */
  nonGsmCharacters: string[];
  /** More than SMS_CHARACTER_LIMIT characters without the prefix. */
  tooLong: boolean;
  /** How far past SMS_CHARACTER_LIMIT the message goes (0 when it fits). */
  charactersOverLimit: number;
  empty: boolean;
  /** The body's placeholder names, de-duplicated insensitively, first spelling kept. */
  placeholders: readonly string[];
}

export interface SmsMessageOptions extends SmsTemplateOptions {
  values?: PersonalisationValues;
}

export interface SmsTemplateOptions {
  /** The service name Notify puts before the message, as `<prefix>: `. */
  prefix?: string;
  /**
   * False when the service has switched the prefix off (Notify's `show_prefix`): the message is rendered and
   * counted without it, as if no prefix were given. Default true.
   */
  showPrefix?: boolean;
}

const encodingFor = (welshLetters: readonly string[]): SmsEncoding => (welshLetters.length > 0 ? 'UCS-2' : 'GSM-7');

/** The encoding a rendered text message goes in: UCS-2 when it holds a Welsh letter outside GSM 03.38, else GSM-7. */
export const smsEncoding = (rendered: string): SmsEncoding => encodingFor(welshNonGsmCharacters(rendered));

export interface SmsParts {
  encoding: SmsEncoding;
  /** The text of each part, in order: one part, or parts each with a concatenation header. */
  parts: string[];
}

/**
 * A rendered text message cut into the parts a provider sends, as Notify counts them: one part of up to 160 septets
 * (70 UCS-2 characters), or parts of up to 153 septets (67). A character is never cut in two: a GSM extension
 * character (two septets) that would straddle a boundary starts the next part, which can make one part more than
 * Notify's count (`smsFragmentCount`) in that case only.
 */
export function splitSmsIntoParts(rendered: string): SmsParts {
  const encoding = smsEncoding(rendered);
  const sizeOf =
    encoding === 'UCS-2'
      ? (character: string) => character.length
      : (character: string) => (EXTENDED_GSM_CHARACTERS.has(character) ? 2 : 1);
  const characters = Array.from(rendered);
  const total = characters.reduce((sum, character) => sum + sizeOf(character), 0);
  const single = encoding === 'UCS-2' ? UCS2_SINGLE_FRAGMENT : GSM_SINGLE_FRAGMENT;
  if (total <= single) return { encoding, parts: [rendered] };
  const capacity = encoding === 'UCS-2' ? UCS2_MULTIPART_FRAGMENT : GSM_MULTIPART_FRAGMENT;
  const parts: string[] = [];
  let part = '';
  let used = 0;
  for (const character of characters) {
    const size = sizeOf(character);
    if (used + size > capacity) {
      parts.push(part);
      part = '';
      used = 0;
    }
    part += character;
    used += size;
  }
  parts.push(part);
  return { encoding, parts };
}

/** Number of UTF-16 code units, which is how Notify counts the characters of a text message. */
export function utf16CodeUnitCount(text: string): number {
  return text.length;
}

/** Fragments the provider bills for a message of this many characters. */
export function smsFragmentCount(characterCount: number, encoding: SmsEncoding, extendedGsmCharacterCount = 0): number {
  if (encoding === 'UCS-2') {
    return characterCount <= UCS2_SINGLE_FRAGMENT ? 1 : Math.ceil(characterCount / UCS2_MULTIPART_FRAGMENT);
  }
  const septets = characterCount + extendedGsmCharacterCount;
  return septets <= GSM_SINGLE_FRAGMENT ? 1 : Math.ceil(septets / GSM_MULTIPART_FRAGMENT);
}

/** Characters past the boundary where the previous fragment ended (the whole message when it is one fragment). */
export function smsCharactersInLastFragment(
  characterCount: number,
  encoding: SmsEncoding,
  extendedGsmCharacterCount = 0,
): number {
  const units = encoding === 'UCS-2' ? characterCount : characterCount + extendedGsmCharacterCount;
  const fragments = smsFragmentCount(characterCount, encoding, extendedGsmCharacterCount);
  if (fragments === 1) return units;
  const single = encoding === 'UCS-2' ? UCS2_SINGLE_FRAGMENT : GSM_SINGLE_FRAGMENT;
  const multipart = encoding === 'UCS-2' ? UCS2_MULTIPART_FRAGMENT : GSM_MULTIPART_FRAGMENT;
  return units - (fragments === 2 ? single : (fragments - 1) * multipart);
}

function hasAnyValue(values: PersonalisationValues | undefined): values is PersonalisationValues {
  return values !== undefined && Object.keys(values).length > 0;
}

/**
 * True when tidying whitespace and downgrading to GSM would leave the text exactly as it is: one line of printable
 * ASCII other than the backtick, single spaces, none at either end or before a comma or full stop. Most messages
 * of a spreadsheet are such text, and skip that work.
 */
export function isTidyGsmText(text: string): boolean {
  const last = text.length - 1;
  for (let index = 0; index <= last; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x20) {
      if (index === 0 || index === last) return false;
      const next = text.charCodeAt(index + 1);
      if (next === 0x20 || next === 0x2c || next === 0x2e) return false;
    } else if (code < 0x21 || code > 0x7e || code === 0x60) return false;
  }
  return true;
}

/** Renders one text message body many times: parse once, then call with each recipient's values. */
export type SmsRenderer = (values?: PersonalisationValues) => SmsMessage;

/** Parses the body once; the returned function renders and counts it for a set of values. */
export function compileSmsTemplate(body: string, options: SmsTemplateOptions = {}): SmsRenderer {
  const fill = compileField(body);
  const placeholders = fieldPlaceholders(body);
  const unfilledValues: PersonalisationValues = Object.fromEntries(placeholders.map((name) => [name, UNFILLED_MARKER]));
  const prefix = options.showPrefix === false ? undefined : options.prefix || undefined;
  const downgradedPrefixLength = prefix === undefined ? 0 : utf16CodeUnitCount(downgradeToGsm(prefix));

  return (values) => {
    const withPrefix = addPrefix(fill(hasAnyValue(values) ? values : unfilledValues), prefix);
    const alreadyTidy = isTidyGsmText(withPrefix);
    const tidied = alreadyTidy
      ? withPrefix
      : pythonStrip(
          normaliseMultipleNewlines(normaliseWhitespaceAndNewlines(removeWhitespaceBeforePunctuation(withPrefix))),
        );
    const unsanitised = tidied.includes(UNFILLED_MARKER) ? tidied.split(UNFILLED_MARKER).join('') : tidied;
    const rendered = alreadyTidy ? unsanitised : downgradeToGsm(unsanitised);
    const nonGsmCharacters = alreadyTidy ? [] : welshNonGsmCharacters(unsanitised);
    const encoding = encodingFor(nonGsmCharacters);
    const extendedGsmCharacterCount = countExtendedGsmCharacters(rendered);
    const characterCount = utf16CodeUnitCount(rendered);
    const characterCountWithoutPrefix =
      prefix === undefined ? characterCount : Math.max(characterCount - downgradedPrefixLength - 2, 0);
    return {
      rendered,
      characterCount,
      characterCountWithoutPrefix,
      fragmentCount: smsFragmentCount(characterCount, encoding, extendedGsmCharacterCount),
      charactersInLastFragment: smsCharactersInLastFragment(characterCount, encoding, extendedGsmCharacterCount),
      encoding,
      extendedGsmCharacterCount,
      nonGsmCharacters,
      tooLong: characterCountWithoutPrefix > SMS_CHARACTER_LIMIT,
      charactersOverLimit: Math.max(characterCountWithoutPrefix - SMS_CHARACTER_LIMIT, 0),
      empty: characterCountWithoutPrefix === 0,
      placeholders,
    };
  };
}

/** Renders and counts one text message (use compileSmsTemplate to render the same body for many rows). */
export function smsMessage(body: string, options: SmsMessageOptions = {}): SmsMessage {
  const { values, ...templateOptions } = options;
  return compileSmsTemplate(body, templateOptions)(values);
}

/**
 * How the desk counts a text while a person writes or fills it in (the template editor and the Send page alike): a
 * placeholder not filled in yet counts as no characters, one filled in counts as its value.
 */
export function smsMessageWhileFilling(body: string, values: PersonalisationValues = {}): SmsMessage {
  const filledKeys = new Set(Object.keys(values).map(placeholderKey));
  const unfilled = fieldPlaceholders(body).filter((name) => !filledKeys.has(placeholderKey(name)));
  return smsMessage(body, {
    values: { ...Object.fromEntries(unfilled.map((name) => [name, UNFILLED_MARKER])), ...values },
  });
}

/**
 * The message body as the Notify admin previews it: HTML-escaped, unfilled placeholders shown as `hidden`,
 * characters downgraded, whitespace tidied, no prefix.
 */
export function compileSmsBodyPreviewHtml(body: string): (values?: PersonalisationValues) => string {
  const fill = compileField(body, { html: true, redactMissing: true });
  return (values) =>
    pythonStrip(
      normaliseMultipleNewlines(
        normaliseWhitespaceAndNewlines(removeWhitespaceBeforePunctuation(downgradeToGsm(fill(values)))),
      ),
    );
}

/** Number of characters (code points) of the filled-in content of an email or letter, stripped. */
export function filledContentLength(content: string, values: PersonalisationValues | undefined): number {
  const filled = compileField(content, { html: true, escapeHtml: false, markdownLists: true })(values);
  return Array.from(pythonStrip(filled)).length;
}

/**
 * Whether the message would be empty: for text messages nothing left without the prefix; for emails and letters,
 * content that starts and ends with a placeholder and fills in to nothing but whitespace.
 */
export function isMessageEmpty(
  template: Pick<TemplateFields, 'type' | 'body'>,
  values?: PersonalisationValues,
  options: SmsTemplateOptions = {},
): boolean {
  if (template.type === 'sms') return smsMessage(template.body, { ...options, ...(values ? { values } : {}) }).empty;
  if (!template.body) return true;
  if (!template.body.startsWith('((') || !template.body.endsWith('))')) return false;
  return filledContentLength(template.body, values) === 0;
}
