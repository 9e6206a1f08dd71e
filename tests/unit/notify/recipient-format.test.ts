import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowedToSendTo, formatRecipient } from '../../../shared/notify/recipient-format';

interface RecipientVectorCase {
  function: 'format_recipient' | 'allowed_to_send_to';
  input: string;
  options: { allowlist?: string[] };
  expected: unknown;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/recipient_formatting.json', import.meta.url), 'utf8'),
) as { cases: RecipientVectorCase[] };

describe('recipient formatting vectors (notifications-utils 127.0.0)', () => {
  it.each(vectors.cases.map((vector) => [vector.function, JSON.stringify(vector.input), vector] as const))(
    '%s %s',
    (_function, _input, vector) => {
      if (vector.function === 'format_recipient') {
        expect(formatRecipient(vector.input)).toBe(vector.expected);
      } else {
        expect(allowedToSendTo(vector.input, vector.options.allowlist ?? [])).toBe(vector.expected);
      }
    },
  );
});

describe('formatRecipient', () => {
  it('gives an empty string for anything that is not text', () => {
    for (const value of [true, false, 0, 0.1, null, undefined, ['07700900123'], { phone: '07700900123' }]) {
      expect(formatRecipient(value)).toBe('');
    }
  });

  it('leaves text that is neither a phone number nor an email address unchanged', () => {
    expect(formatRecipient('foo')).toBe('foo');
    expect(formatRecipient(' Not An Address ')).toBe(' Not An Address ');
  });

  it('normalises a phone number even when a service could not send to it', () => {
    expect(formatRecipient('0117 496 0860')).toBe('441174960860');
    expect(formatRecipient('+1 202-555-0104')).toBe('12025550104');
  });

  it('matches international numbers written differently', () => {
    expect(allowedToSendTo('1-202-555-0104', ['0012025550104'])).toBe(true);
    expect(allowedToSendTo('0012025550104', ['1-202-555-0104'])).toBe(true);
    expect(allowedToSendTo('TEST@example.com', [' test@EXAMPLE.com\u200b'])).toBe(true);
    expect(allowedToSendTo('test@example.com', [])).toBe(false);
  });
});
