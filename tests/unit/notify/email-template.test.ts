import { describe, expect, it } from 'vitest';
import { EMAIL_CONTENT_BYTE_LIMIT, renderEmail, renderEmailDocument } from '../../../shared/notify/email-template';
import { renderSmsPreview } from '../../../shared/notify/typography';
import { renderingCases } from './rendering-vectors';

interface EmailExpectation {
  plain_text_body: string;
  html_body: string;
  subject_html: string;
  subject_plain_text: string;
  preheader: string;
}

const emailCases = renderingCases.filter((vector) => vector.function === 'email_template');
const smsPreviewCases = renderingCases.filter((vector) => vector.function === 'sms_preview_template');

function valuesOf(values: Record<string, string | null> | undefined) {
  return values ? { values } : {};
}

describe('email template vectors', () => {
  it.each(emailCases.map((vector) => [JSON.stringify(vector.input), vector] as const))('%s', (_label, vector) => {
    const expected = vector.expected as EmailExpectation;
    const email = renderEmail({
      subject: vector.options.subject ?? '',
      body: vector.input,
      ...valuesOf(vector.options.values),
    });
    expect(email.html).toBe(expected.html_body);
    expect(email.plainText).toBe(expected.plain_text_body);
    expect(email.subjectHtml).toBe(expected.subject_html);
    expect(email.subject).toBe(expected.subject_plain_text);
    expect(email.preheader).toBe(expected.preheader);
  });
});

describe('sms preview vectors', () => {
  it.each(smsPreviewCases.map((vector) => [JSON.stringify(vector.input), vector] as const))('%s', (_label, vector) => {
    expect(renderSmsPreview({ body: vector.input, ...valuesOf(vector.options.values) })).toBe(vector.expected);
  });
});

describe('emails', () => {
  it('escapes personalisation in HTML but not in the plain-text part', () => {
    const email = renderEmail({ subject: 'Hi ((name))', body: 'Dear ((name))', values: { name: '<Ann & Bo>' } });
    expect(email.html).toContain('Dear &lt;Ann &amp; Bo&gt;');
    expect(email.plainText).toBe('Dear <Ann & Bo>\n');
    expect(email.subject).toBe('Hi <Ann & Bo>');
    expect(email.subjectHtml).toBe('Hi &lt;Ann &amp; Bo&gt;');
  });

  it('turns list personalisation into a bulleted list', () => {
    const email = renderEmail({ subject: 's', body: 'Items:((items))', values: { items: ['a', 'b'] } });
    expect(email.plainText).toBe('Items:\n\n• a\n• b\n');
  });

  it('appends the unsubscribe link after a rule', () => {
    const email = renderEmail({ subject: 's', body: 'Hello', unsubscribeUrl: 'https://example.com/unsub' });
    expect(email.plainText).toContain('Hello\n\n=-=-');
    expect(email.plainText).toContain('Unsubscribe from these emails: https://example.com/unsub\n');
    expect(email.html).toContain('href="https://example.com/unsub">Unsubscribe from these emails</a>');
  });

  it('cuts the preheader to 256 characters after collapsing whitespace', () => {
    const email = renderEmail({ subject: 's', body: `${'word '.repeat(100)}\n\nend` });
    expect(Array.from(email.preheader)).toHaveLength(256);
    expect(email.preheader.endsWith('word w')).toBe(true);
    expect(email.preheader.includes('  ')).toBe(false);
  });

  it('measures the filled-in content in UTF-8 bytes against the 2MB limit', () => {
    expect(renderEmail({ subject: 's', body: 'é((x))', values: { x: 'a' } }).byteCount).toBe(3);
    const big = renderEmail({
      subject: 's',
      body: '((x))',
      values: { x: 'é'.repeat(EMAIL_CONTENT_BYTE_LIMIT / 2 + 1) },
    });
    expect(big.tooLong).toBe(true);
  });

  it('wraps the body in a full document with the preheader hidden at the top', () => {
    const email = renderEmail({ subject: 'Subject', body: 'Body text' });
    const document = renderEmailDocument({ html: email.html, preheader: email.preheader, title: email.subject });
    expect(document.startsWith('<!DOCTYPE html')).toBe(true);
    expect(document).toContain('max-height: 0;">Body text…</span>');
    expect(document).toContain(email.html);
    expect(renderEmailDocument({ html: 'x', preheader: 'p', fragmentOnly: true, govukBanner: false })).not.toContain(
      'GOV.UK',
    );
  });
});
