import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanEmailAddress, validateEmailAddress } from '../../../shared/notify/email-address';
import { domainToAscii, punycodeEncode } from '../../../shared/notify/idna';

interface EmailVectorCase {
  function?: string;
  input: string;
  expected: unknown;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/email_addresses.json', import.meta.url), 'utf8'),
) as { cases: EmailVectorCase[] };

const addressCases = vectors.cases.filter((vector) => vector.function === undefined);
const formatCases = vectors.cases.filter((vector) => vector.function === 'format_email_address');

describe('email address vectors (notifications-utils 127.0.0)', () => {
  it.each(addressCases.map((vector) => [JSON.stringify(vector.input), vector] as const))('%s', (_input, vector) => {
    const expected = vector.expected as { valid: boolean; normalised?: string; formatted?: string; error?: string };
    if (expected.valid) {
      expect(validateEmailAddress(vector.input)).toEqual({ valid: true, normalised: expected.formatted });
      expect(cleanEmailAddress(vector.input)).toBe(expected.normalised);
    } else {
      expect(validateEmailAddress(vector.input)).toEqual({ valid: false, error: expected.error });
      expect(cleanEmailAddress(vector.input)).toBeUndefined();
    }
  });

  it.each(formatCases.map((vector) => [JSON.stringify(vector.input), vector] as const))(
    'formats %s',
    (_input, vector) => {
      expect(validateEmailAddress(vector.input)).toEqual({ valid: true, normalised: vector.expected });
    },
  );
});

describe('IDNA 2003 domain encoding', () => {
  it('encodes the RFC 3492 sample strings', () => {
    expect(punycodeEncode('bücher')).toBe('bcher-kva');
    expect(punycodeEncode('münchen')).toBe('mnchen-3ya');
    expect(punycodeEncode('例え')).toBe('r8jz45g');
    expect(punycodeEncode('ليهمابتكلموشعربي؟')).toBe('egbpdaj6bu4bxfgehfvwxn');
  });

  it('nameprep folds case and compatibility forms before encoding', () => {
    expect(domainToAscii('MÜNCHEN.de')).toBe('xn--mnchen-3ya.de');
    expect(domainToAscii('ＥＸＡＭＰＬＥ.com')).toBe('example.com');
    expect(domainToAscii('straße.de')).toBe('strasse.de');
    expect(domainToAscii('例え。テスト')).toBe('xn--r8jz45g.xn--zckzah');
  });

  it('refuses what Python refuses', () => {
    expect(domainToAscii('a..b')).toBeUndefined();
    expect(domainToAscii(`${'a'.repeat(64)}.com`)).toBeUndefined();
    expect(domainToAscii('xn--ü.com')).toBeUndefined();
    expect(domainToAscii('a\u0627b.com')).toBeUndefined();
    expect(domainToAscii('ü\uE000.com')).toBeUndefined();
  });

  it('keeps an ASCII trailing dot and final empty label as Python does', () => {
    expect(domainToAscii('example.com.')).toBe('example.com.');
    expect(validateEmailAddress('a@example.com.')).toEqual({ valid: false, error: 'Not a valid email address' });
  });
});
