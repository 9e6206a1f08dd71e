import { formatDateSection } from './date-section';
import { conditionHolds, splitSections, type FormatSection } from './format-code';
import { generalNumberText } from './general';
import { formatNumberSection } from './number-section';

/*
 * Excel's number formats, written here: ssf (SheetJS's formatter, the only one on npm that is not part of a whole
 * spreadsheet package) has had no release on npm since 0.11.2, and gets Excel's rules wrong in cases the tests hold
 * (1.005 in 0.00 gives 1.00, 23:59:59.9 in hh:mm:ss gives 23:59:00, -0.04 in 0.0 gives 0.0, an unquoted £ throws).
 */

/** A cell's number format, ready to write a value as Excel shows it. */
export interface NumberFormat {
  code: string;
  /** General (or no format): numbers are written as they are, to Excel's General rules. */
  isGeneral: boolean;
  /** Has a section for text (the fourth, or one with @ beside other text): text cells change too. */
  changesText: boolean;
  formatNumber(value: number, date1904: boolean): string;
  formatText(text: string): string;
}

const compiled = new Map<string, NumberFormat>();

/** The format for a code, compiled once: any number of cells share it. */
export function numberFormat(code: string): NumberFormat {
  let format = compiled.get(code);
  if (!format) {
    format = compile(code);
    if (compiled.size < 10_000) compiled.set(code, format);
  }
  return format;
}

export const GENERAL: NumberFormat = numberFormat('General');

function compile(code: string): NumberFormat {
  const sections = splitSections(code);
  const isGeneral = /^general$/i.test(code.trim()) || code.trim() === '';
  const textSection =
    sections.length >= 4
      ? sections[3]
      : sections.find((section) => section.hasText && !section.hasDigits && !section.isDate);
  const changesText = textSection !== undefined && textSection.tokens.some((token) => token.kind !== 'text');
  return {
    code,
    isGeneral,
    changesText,
    formatNumber: (value, date1904) => (isGeneral ? generalNumberText(value) : formatNumber(sections, value, date1904)),
    formatText: (text) =>
      textSection
        ? textSection.tokens
            .map((token) => (token.kind === 'literal' ? token.text : token.kind === 'text' ? text : ''))
            .join('')
        : text,
  };
}

function formatNumber(sections: FormatSection[], value: number, date1904: boolean): string {
  if (!Number.isFinite(value)) return '';
  const { section, signed } = sectionFor(sections, value);
  if (!section) return generalNumberText(value);
  const sign = signed && value < 0 ? '-' : '';
  if (section.isDate || section.systemFormat) {
    // A date that cannot be shown (Excel's ####) is sent as the number it holds.
    return formatDateSection(section, signed ? value : Math.abs(value), date1904) ?? generalNumberText(value);
  }
  if (section.hasDigits) {
    return sign + formatNumberSection(section, Math.abs(value));
  }
  const literal = section.tokens
    .map((token) =>
      token.kind === 'literal' ? token.text : token.kind === 'text' ? generalNumberText(Math.abs(value)) : '',
    )
    .join('');
  return sign + literal;
}

/**
 * Which section writes a number: without conditions, the first for positive numbers (and all numbers if it is the
 * only one, with a minus sign added), the second for negative numbers (written without a sign), the third for zero.
 * With conditions, the first section whose condition holds, else the next one without a condition.
 */
function sectionFor(sections: FormatSection[], value: number): { section: FormatSection | undefined; signed: boolean } {
  const numeric = sections.slice(0, 3);
  if (numeric.some((section) => section.condition)) {
    for (const section of numeric) {
      if (!section.condition) return { section, signed: value < 0 && numeric.indexOf(section) !== 1 };
      if (conditionHolds(section.condition, value)) {
        const negativeCondition =
          (section.condition.operator === '<' || section.condition.operator === '<=') && section.condition.value <= 0;
        return { section, signed: !negativeCondition };
      }
    }
    return { section: undefined, signed: true };
  }
  const [positive, negative, zero] = numeric;
  if (numeric.length === 1 || (value > 0 && positive)) return { section: positive, signed: true };
  if (value < 0) return { section: negative, signed: false };
  return { section: zero ?? positive, signed: true };
}
