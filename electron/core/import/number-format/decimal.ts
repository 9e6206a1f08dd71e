/**
 * Numbers as Excel shows them: to 15 significant digits (so 0.1 + 0.2 is 0.3 and 1.005 rounds to 1.01), then rounded
 * half away from zero on those decimal digits, never on the binary value.
 */
export interface Decimal {
  /** Significant digits without leading or trailing zeros ('' for zero). */
  digits: string;
  /** How many of the digits stand before the decimal point (negative for 0.00ddd, beyond digits for ddd000). */
  pointPosition: number;
}

export const ZERO: Decimal = { digits: '', pointPosition: 0 };

/** The magnitude of value to 15 significant digits. */
export function toDecimal(value: number): Decimal {
  if (value === 0 || !Number.isFinite(value)) return ZERO;
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential(14).split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, pointPosition: Number(exponent) + 1 };
}

/** The decimal multiplied by a power of ten (percent signs, scaling commas, exponents). */
export function shifted(decimal: Decimal, powerOfTen: number): Decimal {
  return decimal.digits === '' ? ZERO : { digits: decimal.digits, pointPosition: decimal.pointPosition + powerOfTen };
}

/** The decimal rounded to a number of decimal places: its whole part ('' when zero) and exactly that many decimals. */
export function toFixedParts(decimal: Decimal, decimals: number): { whole: string; fraction: string } {
  const kept = decimal.pointPosition + decimals;
  if (decimal.digits === '' || kept < 0) return { whole: '', fraction: '0'.repeat(decimals) };
  let digits = decimal.digits.slice(0, kept).padEnd(kept, '0');
  let pointPosition = decimal.pointPosition;
  if ((decimal.digits.charCodeAt(kept) || 48) >= 53 /* 5 */) {
    const incremented = incrementDigits(digits);
    if (incremented.length > digits.length) pointPosition += 1;
    digits = incremented;
  }
  const wholeLength = Math.max(pointPosition, 0);
  const padded = digits.padStart(wholeLength + decimals, '0');
  const whole = padded.slice(0, padded.length - decimals).replace(/^0+/, '');
  return { whole, fraction: padded.slice(padded.length - decimals) };
}

/** Adds one to a string of decimal digits ('' counts as 0). */
function incrementDigits(digits: string): string {
  let index = digits.length - 1;
  while (index >= 0 && digits[index] === '9') index -= 1;
  if (index < 0) return `1${'0'.repeat(digits.length)}`;
  return (
    digits.slice(0, index) + String.fromCharCode(digits.charCodeAt(index) + 1) + '0'.repeat(digits.length - index - 1)
  );
}

/** The power of ten of the first significant digit (0 for zero). */
export function magnitude(decimal: Decimal): number {
  return decimal.digits === '' ? 0 : decimal.pointPosition - 1;
}

/** Whole digits grouped in threes with commas. */
export function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+$)/g, ',');
}
