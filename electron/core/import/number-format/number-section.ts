import { groupThousands, magnitude, shifted, toDecimal, toFixedParts, type Decimal } from './decimal';
import type { FormatSection, FormatToken } from './format-code';
import { generalNumberText } from './general';

type DigitToken = Extract<FormatToken, { kind: 'digit' }>;

/** A number section's layout, worked out once per format code. */
interface NumberLayout {
  tokens: FormatToken[];
  /** Index of the first and last digit placeholder of the whole part, and of the decimal point (-1 if none). */
  wholeStart: number;
  wholeEnd: number;
  point: number;
  exponent: number;
  slash: number;
  grouped: boolean;
  /** Powers of ten to shift by: +2 per percent sign, -3 per scaling comma. */
  shift: number;
}

const layouts = new WeakMap<FormatSection, NumberLayout>();

/** The magnitude of a number in a section of digit placeholders; the caller adds any minus sign. */
export function formatNumberSection(section: FormatSection, magnitudeValue: number): string {
  let layout = layouts.get(section);
  if (!layout) {
    layout = layoutOf(section.tokens);
    layouts.set(section, layout);
  }
  if (section.tokens.some((token) => token.kind === 'general')) {
    return section.tokens
      .map((token) =>
        token.kind === 'literal' ? token.text : token.kind === 'general' ? generalNumberText(magnitudeValue) : '',
      )
      .join('');
  }
  if (layout.slash >= 0) return fractionText(layout, magnitudeValue);
  const decimal = shifted(toDecimal(magnitudeValue), layout.shift);
  return layout.exponent >= 0 ? scientificSectionText(layout, decimal) : fixedText(layout, decimal);
}

function layoutOf(tokens: FormatToken[]): NumberLayout {
  const exponent = tokens.findIndex((token) => token.kind === 'exponent');
  const numberEnd = exponent >= 0 ? exponent : tokens.length;
  let point = tokens.findIndex((token, index) => token.kind === 'point' && index < numberEnd);
  const wholeLimit = point >= 0 ? point : numberEnd;
  let wholeStart = -1;
  let wholeEnd = -1;
  for (let index = 0; index < wholeLimit; index += 1) {
    if (tokens[index]?.kind !== 'digit') continue;
    if (wholeStart < 0) wholeStart = index;
    wholeEnd = index;
  }
  let lastDigit = -1;
  for (let index = 0; index < numberEnd; index += 1) if (tokens[index]?.kind === 'digit') lastDigit = index;
  let grouped = false;
  let shift = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token?.kind === 'percent') shift += 2;
    if (token?.kind !== 'comma' || index >= numberEnd) continue;
    if (index > wholeStart && index < wholeEnd) grouped = true;
    // Commas straight after the number's last placeholder each scale it down by a thousand.
    else if (
      index > lastDigit &&
      lastDigit >= 0 &&
      tokens.slice(lastDigit + 1, index).every((between) => between.kind === 'comma')
    )
      shift -= 3;
  }
  const slash = tokens.findIndex(
    (token, index) =>
      token.kind === 'slash' &&
      tokens[index - 1]?.kind === 'digit' &&
      (tokens[index + 1]?.kind === 'digit' || /^\d/.test(literalAt(tokens, index + 1))),
  );
  if (slash >= 0) point = -1;
  return { tokens, wholeStart, wholeEnd, point, exponent, slash, grouped, shift };
}

function literalAt(tokens: FormatToken[], index: number): string {
  const token = tokens[index];
  return token?.kind === 'literal' ? token.text : '';
}

function fixedText(layout: NumberLayout, decimal: Decimal): string {
  const decimalPlaces = layout.point >= 0 ? placeholdersAfter(layout.tokens, layout.point, layout.tokens.length) : [];
  const { whole, fraction } = toFixedParts(decimal, decimalPlaces.length);
  return render(layout, whole, fraction, decimalPlaces, '');
}

function scientificSectionText(layout: NumberLayout, decimal: Decimal): string {
  const { tokens, exponent } = layout;
  const wholePlaces = layout.wholeStart < 0 ? [] : digitTokens(tokens, layout.wholeStart, layout.wholeEnd + 1);
  const decimalPlaces = layout.point >= 0 ? placeholdersAfter(tokens, layout.point, exponent) : [];
  const width = Math.max(wholePlaces.length, 1);
  const engineering = width > 1 && wholePlaces.some((token) => token.placeholder === '#');
  const power = (first: number): number => (engineering ? Math.floor(first / width) * width : first - (width - 1));
  let exponentValue = decimal.digits === '' ? 0 : power(magnitude(decimal));
  let parts = toFixedParts(shifted(decimal, -exponentValue), decimalPlaces.length);
  // Rounding up may add a digit to the whole part (9.99 to 10.0): then the exponent moves on.
  if (parts.whole.length > width && decimal.digits !== '') {
    exponentValue = power(magnitude(decimal) + 1);
    parts = toFixedParts(shifted(decimal, -exponentValue), decimalPlaces.length);
  }
  const exponentToken = tokens[exponent] as Extract<FormatToken, { kind: 'exponent' }>;
  const exponentDigits = digitTokens(tokens, exponent + 1, tokens.length);
  const sign = exponentValue < 0 ? '-' : exponentToken.showPlus ? '+' : '';
  const exponentText = `${exponentToken.letter.toUpperCase()}${sign}${String(Math.abs(exponentValue)).padStart(exponentDigits.length, '0')}`;
  return (
    render({ ...layout, tokens: tokens.slice(0, exponent) }, parts.whole, parts.fraction, decimalPlaces, exponentText) +
    trailingLiterals(tokens, exponent + 1)
  );
}

function fractionText(layout: NumberLayout, value: number): string {
  const { tokens, slash } = layout;
  let numeratorStart = slash;
  while (tokens[numeratorStart - 1]?.kind === 'digit') numeratorStart -= 1;
  const numeratorPlaces = digitTokens(tokens, numeratorStart, slash);
  let denominatorEnd = slash + 1;
  while (tokens[denominatorEnd]?.kind === 'digit') denominatorEnd += 1;
  const denominatorPlaces = digitTokens(tokens, slash + 1, denominatorEnd);
  const fixedDenominator = denominatorPlaces.length === 0 ? Number(/^\d+/.exec(literalAt(tokens, slash + 1))?.[0]) : 0;
  const hasWhole = tokens.slice(0, numeratorStart).some((token) => token.kind === 'digit');
  let whole = hasWhole ? Math.floor(value) : 0;
  const rest = value - whole;
  const [nearestNumerator, denominator] =
    fixedDenominator > 0
      ? [Math.round(rest * fixedDenominator), fixedDenominator]
      : closestFraction(rest, 10 ** denominatorPlaces.length - 1);
  let numerator = nearestNumerator;
  if (hasWhole && numerator === denominator) [whole, numerator] = [whole + 1, 0];
  const pad = (text: string, places: DigitToken[], alignLeft: boolean): string => {
    const width = places.length;
    if (text.length >= width) return text;
    const filler = places.some((token) => token.placeholder === '0')
      ? '0'
      : places.some((token) => token.placeholder === '?')
        ? ' '
        : '';
    return alignLeft ? text.padEnd(width, filler === '0' ? ' ' : filler) : text.padStart(width, filler);
  };
  const wholeLayout = { ...layout, tokens: tokens.slice(0, numeratorStart), point: -1 };
  if (hasWhole && numerator === 0) {
    const blank = ' '.repeat(
      numeratorPlaces.length + 1 + Math.max(denominatorPlaces.length, String(fixedDenominator || '').length),
    );
    return render(wholeLayout, whole === 0 ? '' : String(whole), '', [], '', whole === 0) + blank;
  }
  const wholeText = hasWhole ? render(wholeLayout, whole === 0 ? '' : String(whole), '', [], '') : '';
  const denominatorText =
    denominatorPlaces.length > 0 ? pad(String(denominator), denominatorPlaces, true) : literalAt(tokens, slash + 1);
  const after =
    denominatorPlaces.length > 0 ? trailingLiterals(tokens, denominatorEnd) : trailingLiterals(tokens, slash + 2);
  return `${wholeText}${pad(String(numerator), numeratorPlaces, false)}/${denominatorText}${after}`;
}

/** The fraction nearest to value (0 ≤ value < 1 when there is a whole part) with a denominator up to maxDenominator. */
function closestFraction(value: number, maxDenominator: number): [number, number] {
  let [lowerNumerator, lowerDenominator, upperNumerator, upperDenominator] = [0, 1, 1, 0];
  let best: [number, number] = [Math.round(value), 1];
  let remainder = value;
  for (let step = 0; step < 64; step += 1) {
    const term = Math.floor(remainder);
    const numerator = term * upperNumerator + lowerNumerator;
    const denominator = term * upperDenominator + lowerDenominator;
    if (denominator > maxDenominator) {
      const k = Math.floor((maxDenominator - lowerDenominator) / upperDenominator);
      const candidate: [number, number] = [
        k * upperNumerator + lowerNumerator,
        k * upperDenominator + lowerDenominator,
      ];
      if (candidate[1] > 0 && Math.abs(value - candidate[0] / candidate[1]) < Math.abs(value - best[0] / best[1]))
        best = candidate;
      break;
    }
    best = [numerator, denominator];
    [lowerNumerator, lowerDenominator, upperNumerator, upperDenominator] = [
      upperNumerator,
      upperDenominator,
      numerator,
      denominator,
    ];
    if (remainder === term) break;
    remainder = 1 / (remainder - term);
  }
  return best;
}

/**
 * Writes the tokens out with the whole digits spread over the whole part's placeholders (right to left, any extra
 * digits going to the first), the decimals over those after the point, and the literals where they stand.
 */
function render(
  layout: NumberLayout,
  whole: string,
  fraction: string,
  decimalPlaces: DigitToken[],
  exponentText: string,
  hideWhole = false,
): string {
  const { tokens, wholeStart, wholeEnd, point, grouped } = layout;
  const wholeSlots =
    wholeStart < 0
      ? []
      : tokens.slice(wholeStart, wholeEnd + 1).map((token, offset) => ({ token, index: wholeStart + offset }));
  const wholePlaces = wholeSlots.filter((slot) => slot.token.kind === 'digit');
  const shown = new Map<number, string>();
  if (grouped) {
    const minimum =
      wholePlaces.length - wholePlaces.findIndex((slot) => (slot.token as DigitToken).placeholder === '0');
    const digits = minimum > wholePlaces.length ? whole : whole.padStart(minimum, '0');
    shown.set(wholePlaces[0]?.index ?? -1, hideWhole ? '' : groupThousands(digits));
  } else {
    let remaining = hideWhole ? '' : whole;
    for (let place = wholePlaces.length - 1; place >= 0; place -= 1) {
      const slot = wholePlaces[place];
      if (!slot) continue;
      const placeholder = (slot.token as DigitToken).placeholder;
      let text = remaining.slice(-1);
      remaining = remaining.slice(0, -1);
      if (place === 0) text = remaining + text;
      if (text === '') text = placeholder === '0' ? '0' : placeholder === '?' ? ' ' : '';
      shown.set(slot.index, text);
    }
  }
  // Trailing zeros of the decimals: a '#' writes nothing for them and a '?' a space, up to the last '0'.
  const decimalChars = decimalPlaces.map((_, place) => fraction.charAt(place));
  for (let place = decimalPlaces.length - 1; place >= 0 && decimalChars[place] === '0'; place -= 1) {
    const placeholder = decimalPlaces[place]?.placeholder;
    if (placeholder === '0') break;
    decimalChars[place] = placeholder === '?' ? ' ' : '';
  }
  let decimalIndex = 0;
  let out = '';
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token) continue;
    if (index >= wholeStart && index <= wholeEnd && wholeStart >= 0) {
      if (token.kind === 'digit') out += shown.get(index) ?? '';
      else if (token.kind === 'literal' && !grouped) out += token.text;
      continue;
    }
    switch (token.kind) {
      case 'literal':
        out += token.text;
        break;
      case 'point':
        out += wholeStart < 0 && !hideWhole ? `${whole}.` : '.';
        break;
      case 'percent':
        out += '%';
        break;
      case 'slash':
        out += '/';
        break;
      case 'digit':
        if (point >= 0 && index > point) out += decimalChars[decimalIndex] ?? '';
        decimalIndex += point >= 0 && index > point ? 1 : 0;
        break;
      default:
        break;
    }
  }
  return out + exponentText;
}

function digitTokens(tokens: FormatToken[], start: number, end: number): DigitToken[] {
  return tokens.slice(start, end).filter((token): token is DigitToken => token.kind === 'digit');
}

function placeholdersAfter(tokens: FormatToken[], point: number, end: number): DigitToken[] {
  return digitTokens(tokens, point + 1, end);
}

function trailingLiterals(tokens: FormatToken[], start: number): string {
  let text = '';
  for (const token of tokens.slice(start)) {
    if (token.kind === 'literal') text += token.text;
    else if (token.kind === 'percent') text += '%';
  }
  return text;
}
