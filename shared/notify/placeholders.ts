// Notify's placeholders ((name)), optional content ((name??text)) and how values fill them (Field in
// notifications_utils/field.py, Template.placeholders and missing_data in template.py).
import {
  escapeHtml,
  insensitiveKey,
  pythonString,
  stripAndRemoveObscureWhitespace,
  unescapedFormattedList,
} from './formatters';

export type PersonalisationValues = Readonly<Record<string, unknown>>;

export type TemplateType = 'email' | 'sms' | 'letter';

export interface TemplateFields {
  type: TemplateType;
  body: string;
  subject?: string;
  /** Letters only. */
  contactBlock?: string;
  /** Letters only: the Welsh half of a bilingual letter. */
  welshSubject?: string;
  welshBody?: string;
}

export interface PlaceholderParts {
  /** Everything between the brackets. */
  body: string;
  /** The part values are matched against: the whole body, or the text before the first `??`. */
  name: string;
  isConditional: boolean;
  /** What an optional placeholder shows when its value says yes (everything after the first `??`). */
  conditionalText: string;
}

export interface FillOptions {
  /** Render unfilled placeholders as HTML spans rather than plain `((name))`. */
  html?: boolean;
  /** Escape the content and the values as HTML (Notify's escape_html); defaults to `html`. */
  escapeHtml?: boolean;
  /** Lists become markdown bullets (`\n\n* a\n* b`) rather than `a, b and c`. */
  markdownLists?: boolean;
  /** Unfilled placeholders render as `hidden` / `[hidden]`. */
  redactMissing?: boolean;
  /** When false, unfilled (non-optional) placeholders show just their name. */
  withBrackets?: boolean;
}

/** `((`, one or more characters other than brackets, `))`. */
const PLACEHOLDER_PATTERN = /\(\(([^()]+)\)\)/g;
const CONDITIONAL_SEPARATOR = '??';
const SHOWN_VALUES: ReadonlySet<string> = new Set(['yes', 'y', 'true', 't', '1', 'include', 'show']);

/** Notify's insensitive key for placeholder names and column headers: no spaces, `_` or `-`, lower case. */
export function placeholderKey(name: string): string {
  return insensitiveKey(name);
}

/** Splits a placeholder body (brackets may be included) into its name and optional text. */
export function parsePlaceholder(bracketedBody: string): PlaceholderParts {
  const body = bracketedBody.replace(/^\(+/, '').replace(/\)+$/, '');
  const separatorAt = body.indexOf(CONDITIONAL_SEPARATOR);
  if (separatorAt === -1) return { body, name: body, isConditional: false, conditionalText: '' };
  return {
    body,
    name: body.slice(0, separatorAt),
    isConditional: true,
    conditionalText: body.slice(separatorAt + CONDITIONAL_SEPARATOR.length),
  };
}

function isPythonFalsy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '' || value === 0n) {
    return true;
  }
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !(value instanceof Date)) return Object.keys(value).length === 0;
  return false;
}

/** Whether an optional placeholder shows its text: the value reads yes, y, true, t, 1, include or show. */
export function isConditionalShown(value: unknown): boolean {
  if (isPythonFalsy(value)) return false;
  return SHOWN_VALUES.has(pythonString(value).toLowerCase());
}

/** Placeholder names in the text, in order, without repeats (compared insensitively, first spelling kept). */
export function fieldPlaceholders(text: string | undefined): string[] {
  if (!text || !text.includes('(')) return [];
  const seen = new Map<string, string>();
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const { name } = parsePlaceholder(match[1] ?? '');
    const key = placeholderKey(name);
    if (!seen.has(key)) seen.set(key, name);
  }
  return [...seen.values()];
}

function fieldsInPlaceholderOrder(template: TemplateFields): Array<string | undefined> {
  switch (template.type) {
    case 'sms':
      return [template.body];
    case 'email':
      return [template.subject, template.body];
    case 'letter':
      return [template.contactBlock, template.welshSubject, template.welshBody, template.subject, template.body];
  }
}

/**
 * The template's placeholder names, de-duplicated insensitively with the first spelling kept: email subject
 * first; letters contact block, Welsh subject, Welsh body, subject, body; text messages only their body.
 */
export function templatePlaceholders(template: TemplateFields): string[] {
  const seen = new Map<string, string>();
  for (const field of fieldsInPlaceholderOrder(template)) {
    for (const name of fieldPlaceholders(field)) {
      const key = placeholderKey(name);
      if (!seen.has(key)) seen.set(key, name);
    }
  }
  return [...seen.values()];
}

/** Looks values up by Notify's insensitive key; a later spelling of the same key wins. */
export function insensitiveValues(values: PersonalisationValues | undefined, renameKey?: (key: string) => string) {
  const byKey = new Map<string, unknown>();
  if (values) {
    for (const [key, value] of Object.entries(values))
      byKey.set(placeholderKey(renameKey ? renameKey(key) : key), value);
  }
  return byKey;
}

/** The template's placeholders that have no value (missing or null), as written in the template. */
export function missingPersonalisation(template: TemplateFields, values: PersonalisationValues | undefined): string[] {
  const byKey = insensitiveValues(values);
  return templatePlaceholders(template).filter((name) => {
    const value = byKey.get(placeholderKey(name));
    return value === null || value === undefined;
  });
}

interface UnfilledRenderings {
  placeholder: (name: string) => string;
  conditional: (name: string, text: string) => string;
  redacted: string;
}

const HTML_UNFILLED: UnfilledRenderings = {
  placeholder: (name) => `<span class='placeholder'>&#40;&#40;${name}&#41;&#41;</span>`,
  conditional: (name, text) => `<span class='placeholder-conditional'>&#40;&#40;${name}??</span>${text}&#41;&#41;`,
  redacted: "<span class='placeholder-redacted'>hidden</span>",
};
const HTML_UNFILLED_WITHOUT_BRACKETS: UnfilledRenderings = {
  ...HTML_UNFILLED,
  placeholder: (name) => `<span class='placeholder-no-brackets'>${name}</span>`,
};
const PLAIN_TEXT_UNFILLED: UnfilledRenderings = {
  placeholder: (name) => `((${name}))`,
  conditional: (name, text) => `((${name}??${text}))`,
  redacted: '[hidden]',
};
const PLAIN_TEXT_UNFILLED_WITHOUT_BRACKETS: UnfilledRenderings = {
  ...PLAIN_TEXT_UNFILLED,
  placeholder: (name) => name,
};

interface CompiledPlaceholder {
  key: string;
  isConditional: boolean;
  conditionalText: string;
  unfilled: string;
}

/** Fills one text with values; compile once, call once per recipient. */
export type FieldFiller = (values: PersonalisationValues | undefined) => string;

/** Parses the text once (escaping it first when asked) and returns a function that fills it with values. */
export function compileField(text: string, options: FillOptions = {}): FieldFiller {
  const escape = options.escapeHtml ?? options.html ?? false;
  const sanitise = escape ? escapeHtml : (value: string) => value;
  const renderings =
    options.html === true
      ? options.withBrackets === false
        ? HTML_UNFILLED_WITHOUT_BRACKETS
        : HTML_UNFILLED
      : options.withBrackets === false
        ? PLAIN_TEXT_UNFILLED_WITHOUT_BRACKETS
        : PLAIN_TEXT_UNFILLED;
  const sanitised = sanitise(text);
  const literals: string[] = [];
  const placeholders: CompiledPlaceholder[] = [];
  let literalFrom = 0;
  for (const match of sanitised.matchAll(PLACEHOLDER_PATTERN)) {
    const parts = parsePlaceholder(match[0]);
    literals.push(sanitised.slice(literalFrom, match.index));
    literalFrom = match.index + match[0].length;
    let unfilled: string;
    if (options.redactMissing) unfilled = renderings.redacted;
    else if (parts.isConditional) unfilled = renderings.conditional(parts.name, parts.conditionalText);
    else unfilled = renderings.placeholder(parts.name);
    placeholders.push({
      key: placeholderKey(parts.name),
      isConditional: parts.isConditional,
      conditionalText: parts.conditionalText,
      unfilled,
    });
  }
  literals.push(sanitised.slice(literalFrom));
  const [firstLiteral = ''] = literals;
  if (placeholders.length === 0) return () => firstLiteral;

  const renderValue = (value: unknown): string => {
    if (Array.isArray(value)) {
      const items = value
        .filter((item) => item !== null && item !== undefined)
        .map((item) => stripAndRemoveObscureWhitespace(pythonString(item)))
        .filter((item) => item !== '');
      if (items.length === 0) return '';
      const joined = options.markdownLists
        ? `\n\n${items.map((item) => `* ${item}`).join('\n')}`
        : unescapedFormattedList(items, { beforeEach: '', afterEach: '' });
      return sanitise(joined);
    }
    return sanitise(pythonString(value));
  };

  return (values) => {
    const byKey = insensitiveValues(values, sanitise);
    let filled = firstLiteral;
    placeholders.forEach((placeholder, index) => {
      const value = byKey.get(placeholder.key);
      if (value === null || value === undefined) {
        filled += placeholder.unfilled;
      } else {
        const replacement = renderValue(value);
        if (!placeholder.isConditional) filled += replacement;
        else if (isConditionalShown(replacement)) filled += placeholder.conditionalText;
      }
      filled += literals[index + 1] ?? '';
    });
    return filled;
  };
}

/** Fills the placeholders of one text (see compileField to fill the same text many times). */
export function fillPlaceholders(
  text: string,
  values: PersonalisationValues | undefined,
  options: FillOptions = {},
): string {
  return compileField(text, options)(values);
}
