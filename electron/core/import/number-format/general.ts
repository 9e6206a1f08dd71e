import { magnitude, toDecimal, toFixedParts, type Decimal } from './decimal';

/**
 * Excel's General format, as a column wide enough for the number shows it: up to 15 significant digits (Excel's own
 * precision, so 0.1 + 0.2 is 0.3), in scientific notation (1E-07) only for numbers under 0.00001. A whole number is
 * written with all its digits (447700900123, which a narrow column would show as 4.47701E+11), as a phone number
 * or a long reference must be.
 */
export function generalNumberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  const sign = value < 0 ? '-' : '';
  const decimal = toDecimal(value);
  const power = magnitude(decimal);
  if (power < -5 || power >= 21) return sign + scientificText(decimal, 14);
  const { whole, fraction } = toFixedParts(decimal, Math.max(0, 14 - power));
  const decimals = fraction.replace(/0+$/, '');
  return `${sign}${whole || '0'}${decimals ? `.${decimals}` : ''}`;
}

/** d.ddddE+xx with up to maxDecimals decimals, trailing zeros dropped, and at least two digits of exponent. */
export function scientificText(decimal: Decimal, maxDecimals: number): string {
  let power = magnitude(decimal);
  let { whole, fraction } = toFixedParts({ digits: decimal.digits, pointPosition: 1 }, maxDecimals);
  if (whole.length > 1) {
    power += 1;
    ({ whole, fraction } = toFixedParts({ digits: whole + fraction, pointPosition: 1 }, maxDecimals));
  }
  const decimals = fraction.replace(/0+$/, '');
  const exponent = String(Math.abs(power)).padStart(2, '0');
  return `${whole || '0'}${decimals ? `.${decimals}` : ''}E${power < 0 ? '-' : '+'}${exponent}`;
}
