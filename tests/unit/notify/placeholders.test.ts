import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileField,
  fieldPlaceholders,
  fillPlaceholders,
  isConditionalShown,
  missingPersonalisation,
  parsePlaceholder,
  placeholderKey,
  templatePlaceholders,
  type FillOptions,
  type TemplateType,
} from '../../../shared/notify/placeholders';
import { filledContentLength, isMessageEmpty } from '../../../shared/notify/sms';

interface VectorCase {
  function: string;
  input: unknown;
  options: { values?: Record<string, unknown>; template_type?: TemplateType };
  expected: unknown;
  note?: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/placeholders.json', import.meta.url), 'utf8'),
) as { cases: VectorCase[] };

const casesFor = (name: string) =>
  vectors.cases.filter((vector) => vector.function === name).map((vector, index) => [index, vector] as const);

const FIELD_VARIANTS: Record<string, FillOptions> = {
  escape: { html: true },
  passthrough: { html: true, escapeHtml: false },
  plain_text: { html: false, escapeHtml: true },
  escape_redacted: { html: true, redactMissing: true },
  plain_text_redacted: { html: false, escapeHtml: true, redactMissing: true },
  escape_markdown_lists: { html: true, markdownLists: true },
  escape_without_brackets: { html: true, withBrackets: false },
};

describe('placeholders.json: field', () => {
  it.each(casesFor('field'))('#%i', (_index, vector) => {
    const text = vector.input as string;
    const rendered: Record<string, unknown> = {};
    for (const [variant, options] of Object.entries(FIELD_VARIANTS)) {
      rendered[variant] = fillPlaceholders(text, vector.options.values, options);
    }
    rendered.placeholders = fieldPlaceholders(text);
    expect(rendered).toEqual(vector.expected);
  });
});

describe('placeholders.json: str2bool', () => {
  it.each(casesFor('str2bool'))('#%i', (_index, vector) => {
    expect(isConditionalShown(vector.input)).toBe(vector.expected);
  });
});

describe('placeholders.json: placeholder', () => {
  it.each(casesFor('placeholder'))('#%i', (_index, vector) => {
    const parts = parsePlaceholder(vector.input as string);
    const expected = vector.expected as { name: string; is_conditional: boolean; conditional_text?: string };
    expect(parts.name).toBe(expected.name);
    expect(parts.isConditional).toBe(expected.is_conditional);
    if (expected.conditional_text !== undefined) expect(parts.conditionalText).toBe(expected.conditional_text);
  });
});

describe('placeholders.json: template_placeholders', () => {
  it.each(casesFor('template_placeholders'))('#%i', (_index, vector) => {
    const input = vector.input as { content: string; subject?: string };
    const type = vector.options.template_type ?? 'email';
    expect(templatePlaceholders({ type, body: input.content, subject: input.subject ?? '' })).toEqual(vector.expected);
  });
});

describe('placeholders.json: content_count', () => {
  it.each(casesFor('content_count'))('#%i', (_index, vector) => {
    expect(filledContentLength(vector.input as string, vector.options.values)).toBe(vector.expected);
  });
});

describe('placeholders.json: is_message_empty', () => {
  it.each(casesFor('is_message_empty'))('#%i', (_index, vector) => {
    const type = vector.options.template_type ?? 'email';
    expect(isMessageEmpty({ type, body: vector.input as string }, vector.options.values)).toBe(vector.expected);
  });
});

describe('placeholder syntax', () => {
  it('fills the inner pair of triple brackets', () => {
    expect(fillPlaceholders('(((name)))', { name: 'Jo' })).toBe('(Jo)');
  });

  it('splits a conditional at the first ?? only', () => {
    expect(fillPlaceholders('((a??b??c))', { a: 'yes' })).toBe('b??c');
  });

  it('matches names ignoring case, spaces, underscores and hyphens but not tabs', () => {
    expect(placeholderKey('First_Name - x')).toBe('firstnamex');
    expect(fillPlaceholders('((first\tname))', { firstname: 'Jo' })).toBe('((first\tname))');
    expect(fillPlaceholders('((FIRST-NAME))', { 'first name': 'Jo' })).toBe('Jo');
  });

  it('de-duplicates placeholders insensitively, keeping the first spelling', () => {
    expect(fieldPlaceholders('((Name)) ((name)) ((NAME??x)) ((other))')).toEqual(['Name', 'other']);
  });
});

describe('values', () => {
  it('joins lists, dropping blanks and None', () => {
    expect(fillPlaceholders('((x))', { x: [' a ', null, '', '\u200B', 'b', 'c'] })).toBe('a, b and c');
    expect(fillPlaceholders('((x))', { x: ['a', 'b'] }, { markdownLists: true })).toBe('\n\n* a\n* b');
    expect(fillPlaceholders('((x))', { x: [null, ' '] })).toBe('');
  });

  it('renders non-strings as Python would', () => {
    expect(fillPlaceholders('((x)) ((y)) ((z))', { x: true, y: 3, z: { key: 'value' } })).toBe(
      "True 3 {'key': 'value'}",
    );
  });

  it('shows optional text only for the yes-like values, untrimmed', () => {
    expect(['yes', 'Y', 'true', 'T', '1', 'include', 'SHOW', true, 1].every(isConditionalShown)).toBe(true);
    expect([' yes', 'no', '0', '', false, 0, null, 2, 'on'].some(isConditionalShown)).toBe(false);
    expect(fillPlaceholders('((a??shown))', { a: false })).toBe('');
  });

  it('escapes values and content in HTML but keeps &nbsp; and &amp;', () => {
    expect(fillPlaceholders('<b>((a))</b>&amp;', { a: '&nbsp;<i>' }, { html: true })).toBe(
      '&lt;b&gt;&nbsp;&lt;i&gt;&lt;/b&gt;&amp;',
    );
  });

  it('fills a compiled field many times with different values', () => {
    const fill = compileField('Hello ((name))((vip?? – welcome back))');
    expect(fill({ name: 'A', vip: 'yes' })).toBe('Hello A – welcome back');
    expect(fill({ name: 'B' })).toBe('Hello B((vip?? – welcome back))');
    expect(fill(undefined)).toBe('Hello ((name))((vip?? – welcome back))');
  });
});

describe('templates', () => {
  it('lists email subject placeholders first', () => {
    expect(templatePlaceholders({ type: 'email', subject: '((b)) ((a))', body: '((a)) ((c))' })).toEqual([
      'b',
      'a',
      'c',
    ]);
  });

  it('lists letter placeholders from the contact block, Welsh parts, subject then body', () => {
    expect(
      templatePlaceholders({
        type: 'letter',
        contactBlock: '((office))',
        welshSubject: '((pwnc))',
        welshBody: '((corff))',
        subject: '((subject))',
        body: '((body)) ((Office))',
      }),
    ).toEqual(['office', 'pwnc', 'corff', 'subject', 'body']);
  });

  it('reports missing personalisation as written in the template', () => {
    const template = { type: 'email' as const, subject: '((Ref))', body: 'Dear ((First Name)), ((code))' };
    expect(missingPersonalisation(template, { first_name: 'Jo', CODE: null })).toEqual(['Ref', 'code']);
    expect(missingPersonalisation(template, undefined)).toEqual(['Ref', 'First Name', 'code']);
  });
});
