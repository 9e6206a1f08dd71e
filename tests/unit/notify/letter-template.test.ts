import { describe, expect, it } from 'vitest';
import { findQrCodeTooLong, formatLetterDate, renderLetter } from '../../../shared/notify/letter-template';
import { renderingCases } from './rendering-vectors';

interface LetterExpectation {
  message_html: string;
  subject: string;
  address_block: string[];
  contact_block_html: string;
  date: string;
}

const letterCases = renderingCases.filter((vector) => vector.function === 'letter_template');

describe('letter template vectors', () => {
  it.each(
    letterCases.map(
      (vector) => [`${JSON.stringify(vector.input)} ${JSON.stringify(vector.options.values ?? {})}`, vector] as const,
    ),
  )('%s', (_label, vector) => {
    const expected = vector.expected as LetterExpectation;
    const { options } = vector;
    const letter = renderLetter({
      subject: options.subject ?? '',
      body: vector.input,
      ...(options.values ? { values: options.values } : {}),
      // The vectors' dates are naive UTC timestamps.
      date: new Date(`${options.date ?? ''}Z`),
      ...(options.language ? { language: options.language } : {}),
      ...(options.welsh
        ? { welshSubject: options.welsh.letter_welsh_subject, welshBody: options.welsh.letter_welsh_content }
        : {}),
    });
    expect(letter.bodyHtml).toBe(expected.message_html);
    expect(letter.heading).toBe(expected.subject);
    expect(letter.addressLines).toEqual(expected.address_block);
    expect(letter.contactBlockHtml).toBe(expected.contact_block_html);
    expect(letter.date).toBe(expected.date);
  });
});

describe('letters', () => {
  it('dates letters in London time, in English or Welsh', () => {
    expect(formatLetterDate(new Date('2023-06-30T23:30:00Z'))).toBe('1 July 2023');
    expect(formatLetterDate(new Date('2023-12-31T23:30:00Z'), 'welsh')).toBe('31 Rhagfyr 2023');
  });

  it('prints hyphens as non-breaking hyphens and keeps links as typed', () => {
    const letter = renderLetter({ subject: 's', body: 'a-b [x](https://e.com)', date: new Date() });
    expect(letter.bodyHtml).toBe('<p>a\u2011b [x](https://e.com)</p>');
  });

  it('builds the contact block line by line with personalisation', () => {
    const letter = renderLetter({
      subject: 's',
      body: 'b',
      contactBlock: ' Office ,\n  ((team)) \n',
      values: { team: 'Team & co' },
    });
    expect(letter.contactBlockHtml).toBe('Office,<br>Team &amp; co');
  });

  it('uses a given address text when it has enough lines', () => {
    const letter = renderLetter({ subject: 's', body: 'b', address: 'A Person\n1 Street\nsw1a1aa' });
    expect(letter.addressLines).toEqual(['A Person', '1 Street', 'SW1A 1AA']);
  });
});

describe('letter QR codes', () => {
  it('finds a QR code with more than 504 bytes of data, counting the URL protocol', () => {
    const fits = `https://${'a'.repeat(504 - 8)}`;
    expect(findQrCodeTooLong({ body: `Scan:\n\nqr: ${fits}` })).toBeNull();
    expect(findQrCodeTooLong({ body: `qr: ((link))`, values: { link: `${fits}b` } })).toEqual({
      data: `${fits}b`,
      numBytes: 505,
      maxBytes: 504,
    });
  });
});
