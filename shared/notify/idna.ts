// Domain names to ASCII the way Python's "idna" codec does it (IDNA 2003: RFC 3490 ToASCII with RFC 3491
// nameprep, AllowUnassigned, no STD3 rules), with RFC 3492 Punycode. Pure code, so it runs anywhere.
//
// Nameprep is reproduced from its tables except two parts that would need Unicode 3.2 data: the case
// folding (table B.2) is Unicode lower-casing plus the folds lower-casing lacks, and the bidi check reads
// right-to-left characters by block and left-to-right ones as letters outside those blocks.

const ACE_PREFIX = 'xn--';
const LABEL_SEPARATORS = /[.\u3002\uFF0E\uFF61]/;
const ASCII_ONLY = /^[\x00-\x7F]*$/;
const LONGEST_LABEL = 63;

// RFC 3491 table B.1: mapped to nothing.
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/gu;
// Case folds (table B.2) that String.prototype.toLowerCase does not make.
const EXTRA_CASE_FOLDS: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'],
  ['ẞ', 'ss'],
  ['ς', 'σ'],
  ['ſ', 's'],
  ['ϐ', 'β'],
  ['ϑ', 'θ'],
  ['ϕ', 'φ'],
  ['ϖ', 'π'],
  ['ϰ', 'κ'],
  ['ϱ', 'ρ'],
  ['ϵ', 'ε'],
  ['ẛ', 'ṡ'],
]);
const EXTRA_CASE_FOLD_PATTERN = new RegExp(`[${[...EXTRA_CASE_FOLDS.keys()].join('')}]`, 'gu');
// RFC 3491 section 5: tables C.1.2, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8 and C.9.
const PROHIBITED = new RegExp(
  [
    '[\\u00A0\\u1680\\u2000-\\u200B\\u202F\\u205F\\u3000]',
    '[\\u0080-\\u009F\\u06DD\\u070F\\u180E\\u200C\\u200D\\u2028\\u2029\\u2060-\\u2063\\u206A-\\u206F\\uFEFF\\uFFF9-\\uFFFC]',
    '[\\u{1D173}-\\u{1D17A}]',
    '[\\uE000-\\uF8FF\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}]',
    '[\\uFDD0-\\uFDEF\\uFFFE\\uFFFF\\u{1FFFE}\\u{1FFFF}\\u{2FFFE}\\u{2FFFF}\\u{3FFFE}\\u{3FFFF}\\u{4FFFE}\\u{4FFFF}]',
    '[\\u{5FFFE}\\u{5FFFF}\\u{6FFFE}\\u{6FFFF}\\u{7FFFE}\\u{7FFFF}\\u{8FFFE}\\u{8FFFF}\\u{9FFFE}\\u{9FFFF}]',
    '[\\u{AFFFE}\\u{AFFFF}\\u{BFFFE}\\u{BFFFF}\\u{CFFFE}\\u{CFFFF}\\u{DFFFE}\\u{DFFFF}\\u{EFFFE}\\u{EFFFF}]',
    '[\\u{FFFFE}\\u{FFFFF}\\u{10FFFE}\\u{10FFFF}]',
    '[\\uD800-\\uDFFF]',
    '[\\uFFF9-\\uFFFD\\u2FF0-\\u2FFB\\u0340\\u0341\\u200E\\u200F\\u202A-\\u202E]',
    '[\\u{E0001}\\u{E0020}-\\u{E007F}]',
  ].join('|'),
  'u',
);
// Table D.1 (bidi classes R and AL) by block: Hebrew, Arabic, Syriac, Thaana, and their presentation forms.
const RIGHT_TO_LEFT =
  /[\u05BE\u05C0\u05C3\u05D0-\u05F4\u061B\u061F\u0621-\u064A\u066D-\u06D5\u06E5\u06E6\u06FA-\u06FF\u0700-\u070D\u0710\u0712-\u072C\u0780-\u07A5\u07B1\u200F\uFB1D\uFB1F-\uFB28\uFB2A-\uFDFD\uFE70-\uFEFC]/u;
// Table D.2 (bidi class L), read as any letter that is not right-to-left.
const LETTER = /\p{L}/u;

function caseFold(label: string): string {
  return label
    .toLowerCase()
    .replace(EXTRA_CASE_FOLD_PATTERN, (character) => EXTRA_CASE_FOLDS.get(character) ?? character);
}

function isLeftToRight(character: string): boolean {
  return LETTER.test(character) && !RIGHT_TO_LEFT.test(character);
}

/** RFC 3491 nameprep; undefined when the label holds a prohibited character or breaks the bidi rules. */
function nameprep(label: string): string | undefined {
  const prepared = caseFold(label.replace(MAPPED_TO_NOTHING, '')).normalize('NFKC');
  if (PROHIBITED.test(prepared)) return undefined;
  const characters = [...prepared];
  if (characters.some((character) => RIGHT_TO_LEFT.test(character))) {
    if (characters.some(isLeftToRight)) return undefined;
    const first = characters[0];
    const last = characters[characters.length - 1];
    if (first === undefined || last === undefined || !RIGHT_TO_LEFT.test(first) || !RIGHT_TO_LEFT.test(last)) {
      return undefined;
    }
  }
  return prepared;
}

// RFC 3492 parameters.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, numberOfPoints: number, firstTime: boolean): number {
  let scaled = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  scaled += Math.floor(scaled / numberOfPoints);
  let k = 0;
  while (scaled > ((BASE - T_MIN) * T_MAX) >> 1) {
    scaled = Math.floor(scaled / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * scaled) / (scaled + SKEW));
}

function digitCharacter(digit: number): string {
  return String.fromCharCode(digit < 26 ? digit + 97 : digit + 22);
}

/** RFC 3492 Punycode encoding of a label (without the ACE prefix). */
export function punycodeEncode(label: string): string {
  const codePoints = [...label].map((character) => character.codePointAt(0) ?? 0);
  let output = codePoints
    .filter((codePoint) => codePoint < 0x80)
    .map((codePoint) => String.fromCharCode(codePoint))
    .join('');
  const basicCount = output.length;
  let handled = basicCount;
  if (basicCount > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < codePoints.length) {
    const next = Math.min(...codePoints.filter((codePoint) => codePoint >= n));
    delta += (next - n) * (handled + 1);
    n = next;
    for (const codePoint of codePoints) {
      if (codePoint < n) delta += 1;
      if (codePoint !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (q < t) break;
        output += digitCharacter(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digitCharacter(q);
      bias = adapt(delta, handled + 1, handled === basicCount);
      delta = 0;
      handled += 1;
    }
    delta += 1;
    n += 1;
  }
  return output;
}

function labelFits(label: string): boolean {
  return label.length > 0 && label.length <= LONGEST_LABEL;
}

/** RFC 3490 ToASCII for one label; undefined where Python raises UnicodeError. */
function labelToAscii(label: string): string | undefined {
  if (ASCII_ONLY.test(label)) return labelFits(label) ? label : undefined;
  const prepared = nameprep(label);
  if (prepared === undefined) return undefined;
  if (ASCII_ONLY.test(prepared)) return labelFits(prepared) ? prepared : undefined;
  if (prepared.startsWith(ACE_PREFIX)) return undefined;
  const encoded = ACE_PREFIX + punycodeEncode(prepared);
  return labelFits(encoded) ? encoded : undefined;
}

/** `domain.encode("idna").decode("ascii")` in Python; undefined where that raises. */
export function domainToAscii(domain: string): string | undefined {
  if (domain === '') return '';
  if (ASCII_ONLY.test(domain)) {
    const labels = domain.split('.');
    const last = labels.pop() ?? '';
    if (!labels.every(labelFits) || last.length > LONGEST_LABEL) return undefined;
    return domain;
  }
  const labels = domain.split(LABEL_SEPARATORS);
  const trailingDot = labels.length > 1 && labels[labels.length - 1] === '';
  if (trailingDot) labels.pop();
  const encoded: string[] = [];
  for (const label of labels) {
    const ascii = labelToAscii(label);
    if (ascii === undefined) return undefined;
    encoded.push(ascii);
  }
  return encoded.join('.') + (trailingDot ? '.' : '');
}
