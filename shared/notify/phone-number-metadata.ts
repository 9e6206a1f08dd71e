// Read-only views of libphonenumber's metadata (the "max" set bundled with libphonenumber-js) for the few
// questions Notify's rules ask the way Python's phonenumbers answers them: the main region of a calling
// code, its possible lengths, its formatting rules, and precompiled type patterns for the UK fast path.
import metadataJson from 'libphonenumber-js/metadata.max.json';

type NumberingPlan = readonly unknown[];

interface NumberFormat {
  readonly pattern: RegExp;
  readonly format: string;
  readonly internationalFormat: string;
  readonly lastLeadingDigitsPattern: RegExp | undefined;
}

// Positions in libphonenumber-js's compressed metadata (version 4).
const PLAN_NATIONAL_NUMBER_PATTERN = 2;
const PLAN_POSSIBLE_LENGTHS = 3;
const PLAN_FORMATS = 4;
const PLAN_TYPES = 11;
const FORMAT_PATTERN = 0;
const FORMAT_FORMAT = 1;
const FORMAT_LEADING_DIGITS = 2;
const FORMAT_INTERNATIONAL = 5;
const TYPE_PATTERN = 0;
const TYPE_POSSIBLE_LENGTHS = 1;
const TYPE_INDEX = {
  FIXED_LINE: 0,
  MOBILE: 1,
  TOLL_FREE: 2,
  PREMIUM_RATE: 3,
  PERSONAL_NUMBER: 4,
  VOICEMAIL: 5,
  UAN: 6,
  PAGER: 7,
  VOIP: 8,
  SHARED_COST: 9,
} as const;

function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function numberingPlanForCallingCode(callingCode: string): NumberingPlan | undefined {
  const regions: unknown = (metadataJson.country_calling_codes as Record<string, unknown>)[callingCode];
  if (isArray(regions)) {
    const mainRegion = regions[0];
    if (typeof mainRegion !== 'string') return undefined;
    const plan: unknown = (metadataJson.countries as Record<string, unknown>)[mainRegion];
    return isArray(plan) ? plan : undefined;
  }
  const nonGeographicPlan: unknown = (metadataJson.nonGeographic as Record<string, unknown>)[callingCode];
  return isArray(nonGeographicPlan) ? nonGeographicPlan : undefined;
}

function numberArray(value: unknown): readonly number[] {
  return isArray(value) ? value.filter((item): item is number => typeof item === 'number') : [];
}

const possibleLengthsCache = new Map<string, readonly number[]>();

/** The possible lengths of national numbers under a calling code, read from its main region as Python does. */
export function possibleLengthsForCallingCode(callingCode: string): readonly number[] {
  let lengths = possibleLengthsCache.get(callingCode);
  if (lengths === undefined) {
    const plan = numberingPlanForCallingCode(callingCode);
    lengths = plan === undefined ? [] : numberArray(plan[PLAN_POSSIBLE_LENGTHS]);
    possibleLengthsCache.set(callingCode, lengths);
  }
  return lengths;
}

function compileFormat(raw: unknown): NumberFormat | undefined {
  if (!isArray(raw)) return undefined;
  const pattern = raw[FORMAT_PATTERN];
  const format = raw[FORMAT_FORMAT];
  if (typeof pattern !== 'string' || typeof format !== 'string') return undefined;
  const leadingDigits = raw[FORMAT_LEADING_DIGITS];
  const lastLeadingDigits = isArray(leadingDigits) ? leadingDigits[leadingDigits.length - 1] : undefined;
  const international = raw[FORMAT_INTERNATIONAL];
  return {
    pattern: new RegExp(`^(?:${pattern})$`),
    format,
    internationalFormat: typeof international === 'string' ? international : format,
    lastLeadingDigitsPattern:
      typeof lastLeadingDigits === 'string' ? new RegExp(`^(?:${lastLeadingDigits})`) : undefined,
  };
}

const formatsCache = new Map<string, readonly NumberFormat[]>();

function formatsForCallingCode(callingCode: string): readonly NumberFormat[] {
  let formats = formatsCache.get(callingCode);
  if (formats === undefined) {
    const rawFormats = numberingPlanForCallingCode(callingCode)?.[PLAN_FORMATS];
    formats = isArray(rawFormats)
      ? rawFormats.map(compileFormat).filter((format): format is NumberFormat => format !== undefined)
      : [];
    formatsCache.set(callingCode, formats);
  }
  return formats;
}

/**
 * phonenumbers' INTERNATIONAL format: `+<code> ` then the national number laid out by the main region's
 * international pattern, keeping the pattern's own separators (libphonenumber-js turns them into spaces).
 */
export function formatInternational(callingCode: string, nationalNumber: string): string {
  const format = formatsForCallingCode(callingCode).find(
    (candidate) =>
      (candidate.lastLeadingDigitsPattern === undefined || candidate.lastLeadingDigitsPattern.test(nationalNumber)) &&
      candidate.pattern.test(nationalNumber),
  );
  const laidOut =
    format === undefined ? nationalNumber : nationalNumber.replace(format.pattern, format.internationalFormat);
  return `+${callingCode} ${laidOut}`;
}

function typePattern(
  plan: NumberingPlan,
  typeIndex: number,
): { pattern: RegExp; lengths: readonly number[] } | undefined {
  const types = plan[PLAN_TYPES];
  if (!isArray(types)) return undefined;
  const type = types[typeIndex];
  if (!isArray(type) || typeof type[TYPE_PATTERN] !== 'string' || type[TYPE_PATTERN] === '') return undefined;
  return { pattern: new RegExp(`^(?:${type[TYPE_PATTERN]})$`), lengths: numberArray(type[TYPE_POSSIBLE_LENGTHS]) };
}

function requiredPlan(region: string): NumberingPlan {
  const plan: unknown = (metadataJson.countries as Record<string, unknown>)[region];
  if (!isArray(plan)) throw new Error(`libphonenumber metadata has no numbering plan for ${region}`);
  return plan;
}

const UK_PLAN = requiredPlan('GB');
const UK_GENERAL_PATTERN = new RegExp(`^(?:${String(UK_PLAN[PLAN_NATIONAL_NUMBER_PATTERN])})$`);
const UK_MOBILE = typePattern(UK_PLAN, TYPE_INDEX.MOBILE);
const UK_ANY_OTHER_TYPE = new RegExp(
  Object.values(TYPE_INDEX)
    .filter((index) => index !== TYPE_INDEX.MOBILE)
    .map((index) => typePattern(UK_PLAN, index)?.pattern.source)
    .filter((source) => source !== undefined)
    .join('|'),
);

/**
 * True when a 10-digit UK national number is, beyond doubt, a valid GB mobile: it matches the GB general
 * pattern and the GB mobile pattern and no other GB type, so every type order and every region search
 * (GB is the first region for +44) gives MOBILE in GB.
 */
export function isUnambiguousUkMobile(nationalNumber: string): boolean {
  if (UK_MOBILE === undefined || !UK_GENERAL_PATTERN.test(nationalNumber)) return false;
  if (UK_MOBILE.lengths.length > 0 && !UK_MOBILE.lengths.includes(nationalNumber.length)) return false;
  if (!UK_MOBILE.pattern.test(nationalNumber)) return false;
  return !UK_ANY_OTHER_TYPE.test(nationalNumber);
}

function anyTypePattern(plan: NumberingPlan): RegExp | undefined {
  const sources = Object.values(TYPE_INDEX)
    .map((index) => typePattern(plan, index)?.pattern.source)
    .filter((source) => source !== undefined);
  return sources.length === 0 ? undefined : new RegExp(sources.join('|'));
}

const UK_CALLING_CODE_TYPE_PATTERNS: readonly RegExp[] = (() => {
  const regions: unknown = (metadataJson.country_calling_codes as Record<string, unknown>)['44'];
  if (!isArray(regions)) throw new Error('libphonenumber metadata has no regions for +44');
  return regions
    .filter((region): region is string => typeof region === 'string')
    .map((region) => anyTypePattern(requiredPlan(region)))
    .filter((pattern): pattern is RegExp => pattern !== undefined);
})();

/**
 * True when a national number under +44 is a number of no type in any region that shares +44 (GB, Guernsey,
 * Isle of Man, Jersey): libphonenumber then calls it invalid whichever region it tries.
 */
export function isInvalidInEveryUkRegion(nationalNumber: string): boolean {
  return !UK_CALLING_CODE_TYPE_PATTERNS.some((pattern) => pattern.test(nationalNumber));
}
