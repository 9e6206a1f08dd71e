/**
 * A number format code (ECMA-376 Part 1, 18.8.31, as Excel reads it) split into sections of tokens. Up to four
 * sections: positive, negative, zero, text; a section may carry a condition ([>=100]), a colour ([Red], ignored),
 * a currency or locale ([$£-809], [$-F800]) and literal text ("in quotes", \escaped, or plain characters).
 */
export type FormatToken =
  | { kind: 'literal'; text: string }
  /** A digit placeholder: 0 (always a digit), # (a digit only if needed), ? (a digit or a space). */
  | { kind: 'digit'; placeholder: '0' | '#' | '?' }
  | { kind: 'point' }
  | { kind: 'comma' }
  | { kind: 'percent' }
  | { kind: 'exponent'; showPlus: boolean; letter: string }
  | { kind: 'slash' }
  | { kind: 'text' }
  | { kind: 'general' }
  /** A date or time part: y, m, d, h, s runs (lower case), am/pm, a/p, elapsed [h] [m] [s], seconds' decimals. */
  | { kind: 'date'; code: string; written: string };

export interface Condition {
  operator: '<' | '<=' | '>' | '>=' | '=' | '<>';
  value: number;
}

export interface FormatSection {
  tokens: FormatToken[];
  condition: Condition | undefined;
  /** Holds date or time parts: the number is a serial date. */
  isDate: boolean;
  /** Holds digit placeholders or General: the number is written out. */
  hasDigits: boolean;
  hasText: boolean;
  /** [$-F800] or [$-F400]: Windows' long date or time, whatever the rest of the section says. */
  systemFormat: 'long-date' | 'time' | undefined;
}

const CONDITION = /^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const ELAPSED = /^(h+|m+|s+)$/i;
const DATE_LETTERS = 'ymdhse';

export function splitSections(code: string): FormatSection[] {
  const sections: string[] = [];
  let current = '';
  for (let index = 0; index < code.length; index += 1) {
    const character = code.charAt(index);
    if (character === '"') {
      const end = code.indexOf('"', index + 1);
      const stop = end < 0 ? code.length : end;
      current += code.slice(index, stop + 1);
      index = stop;
    } else if (character === '\\' || character === '_' || character === '*') {
      current += code.slice(index, index + 2);
      index += 1;
    } else if (character === '[') {
      const end = code.indexOf(']', index);
      const stop = end < 0 ? code.length : end;
      current += code.slice(index, stop + 1);
      index = stop;
    } else if (character === ';') {
      sections.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  sections.push(current);
  return sections.map(parseSection);
}

function parseSection(text: string): FormatSection {
  const tokens: FormatToken[] = [];
  const section: FormatSection = {
    tokens,
    condition: undefined,
    isDate: false,
    hasDigits: false,
    hasText: false,
    systemFormat: undefined,
  };
  const literal = (value: string): void => {
    const last = tokens.at(-1);
    if (last?.kind === 'literal') last.text += value;
    else tokens.push({ kind: 'literal', text: value });
  };
  let index = 0;
  while (index < text.length) {
    const character = text.charAt(index);
    const lower = character.toLowerCase();
    const rest = text.slice(index);
    if (character === '"') {
      const end = text.indexOf('"', index + 1);
      const stop = end < 0 ? text.length : end;
      literal(text.slice(index + 1, stop));
      index = stop + 1;
    } else if (character === '\\') {
      literal(text.charAt(index + 1));
      index += 2;
    } else if (character === '_') {
      // Space the width of the next character, as a padding; the character itself is not shown.
      literal(' ');
      index += 2;
    } else if (character === '*') {
      // Repeat the next character to fill the cell: nothing to fill in text.
      index += 2;
    } else if (character === '[') {
      const end = text.indexOf(']', index);
      const stop = end < 0 ? text.length : end;
      bracket(text.slice(index + 1, stop), section, literal);
      index = stop + 1;
    } else if (/^general/i.test(rest)) {
      tokens.push({ kind: 'general' });
      section.hasDigits = true;
      index += 7;
    } else if (character === '0' || character === '#' || character === '?') {
      tokens.push({ kind: 'digit', placeholder: character });
      section.hasDigits = true;
      index += 1;
    } else if (character === '.') {
      const zeros = /^\.(0+)/.exec(rest)?.[1];
      const last = tokens.findLast((token) => token.kind !== 'literal');
      if (zeros && last?.kind === 'date' && last.code.startsWith('s')) {
        tokens.push({ kind: 'date', code: `.${zeros}`, written: `.${zeros}` });
        index += 1 + zeros.length;
      } else {
        tokens.push({ kind: 'point' });
        index += 1;
      }
    } else if (character === ',') {
      tokens.push({ kind: 'comma' });
      index += 1;
    } else if (character === '%') {
      tokens.push({ kind: 'percent' });
      index += 1;
    } else if (lower === 'e' && (rest.charAt(1) === '+' || rest.charAt(1) === '-') && section.hasDigits) {
      tokens.push({ kind: 'exponent', showPlus: rest.charAt(1) === '+', letter: character });
      index += 2;
    } else if (character === '/') {
      tokens.push({ kind: 'slash' });
      // A written denominator (?/8, # ??/100) is a number, not placeholders: its zeros are digits too.
      const denominator = /^\/([1-9]\d*)/.exec(rest)?.[1];
      if (denominator && section.hasDigits) literal(denominator);
      index += 1 + (denominator && section.hasDigits ? denominator.length : 0);
    } else if (character === '@') {
      tokens.push({ kind: 'text' });
      section.hasText = true;
      index += 1;
    } else if (/^am\/pm/i.test(rest)) {
      tokens.push({ kind: 'date', code: 'am/pm', written: rest.slice(0, 5) });
      section.isDate = true;
      index += 5;
    } else if (/^a\/p/i.test(rest)) {
      tokens.push({ kind: 'date', code: 'a/p', written: rest.slice(0, 3) });
      section.isDate = true;
      index += 3;
    } else if (DATE_LETTERS.includes(lower)) {
      let end = index + 1;
      while (end < text.length && text.charAt(end).toLowerCase() === lower) end += 1;
      const run = text.slice(index, end).toLowerCase();
      tokens.push({ kind: 'date', code: dateCode(lower, run.length), written: run });
      section.isDate = true;
      index = end;
    } else if ((lower === 'b' && /^[12]$/.test(rest.charAt(1))) || lower === 'g') {
      // Calendar and era markers of East Asian formats: nothing to show in the Gregorian calendar.
      index += lower === 'b' ? 2 : 1;
    } else {
      literal(character);
      index += 1;
    }
  }
  return section;
}

/** A run of one date letter as the code Excel reads it: yy or yyyy, up to mmmmm, dddd, hh and ss. */
function dateCode(letter: string, length: number): string {
  switch (letter) {
    case 'e':
      return 'yyyy';
    case 'y':
      return length <= 2 ? 'yy' : 'yyyy';
    case 'm':
      return 'm'.repeat(length > 5 ? 4 : length);
    case 'd':
      return 'd'.repeat(Math.min(length, 4));
    default:
      return letter.repeat(Math.min(length, 2));
  }
}

function bracket(content: string, section: FormatSection, literal: (text: string) => void): void {
  if (ELAPSED.test(content)) {
    section.tokens.push({ kind: 'date', code: `[${content.toLowerCase()}]`, written: content });
    section.isDate = true;
    return;
  }
  const condition = CONDITION.exec(content);
  if (condition) {
    section.condition = { operator: condition[1] as Condition['operator'], value: Number(condition[2]) };
    return;
  }
  if (content.startsWith('$')) {
    const dash = content.indexOf('-');
    const symbol = dash < 0 ? content.slice(1) : content.slice(1, dash);
    if (symbol) literal(symbol);
    const locale = dash < 0 ? '' : content.slice(dash + 1).toUpperCase();
    if (locale.endsWith('F800')) section.systemFormat = 'long-date';
    else if (locale.endsWith('F400')) section.systemFormat = 'time';
  }
  // Anything else is a colour, a script or a calendar: nothing to show.
}

export function conditionHolds(condition: Condition, value: number): boolean {
  switch (condition.operator) {
    case '<':
      return value < condition.value;
    case '<=':
      return value <= condition.value;
    case '>':
      return value > condition.value;
    case '>=':
      return value >= condition.value;
    case '=':
      return value === condition.value;
    case '<>':
      return value !== condition.value;
  }
}
