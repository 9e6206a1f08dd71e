import { describe, expect, it } from 'vitest';
import {
  EXTENDED_GSM_CHARACTERS,
  GSM_CHARACTERS,
  smsFragmentCount,
  smsMessage,
  splitSmsIntoParts,
  WELSH_NON_GSM_CHARACTERS,
} from '../../../shared/notify';
import {
  combinedPartStatus,
  notifyStatusForSmppReceipt,
  notifyStatusForTwilio,
} from '../../../electron/core/providers/provider-statuses';
import {
  normaliseProviderId,
  parseDeliveryReceipt,
  providerIdForms,
} from '../../../electron/core/providers/smpp/delivery-receipt';
import { destinationAddress, senderAddress } from '../../../electron/core/providers/smpp/smpp-message';

/** A random generator with a seed, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const septets = (text: string) =>
  [...text].reduce((sum, character) => sum + (EXTENDED_GSM_CHARACTERS.has(character) ? 2 : 1), 0);

describe('a text cut into the parts an SMPP gateway sends', () => {
  it('gives exactly Notify’s count of parts, each within 153 septets or 67 UCS-2 characters, never cutting a character; one more only where a two-septet character would straddle a boundary', () => {
    const next = random(20_260_101);
    const gsm = [...GSM_CHARACTERS].filter((character) => character !== '\x1b');
    const welsh = [...WELSH_NON_GSM_CHARACTERS];
    let straddles = 0;
    for (let round = 0; round < 3_000; round += 1) {
      const length = 1 + Math.floor(next() * 700);
      const pool = next() < 0.2 ? [...gsm, ...welsh] : gsm;
      const text = Array.from({ length }, () => pool[Math.floor(next() * pool.length)]).join('');
      const counted = smsMessage(text);
      // smsMessage tidies whitespace; the outbox holds the rendered text, which is what is split.
      const { encoding, parts } = splitSmsIntoParts(counted.rendered);
      expect(encoding).toBe(counted.encoding);
      expect(parts.join('')).toBe(counted.rendered);
      const notifyCount = smsFragmentCount(counted.characterCount, counted.encoding, counted.extendedGsmCharacterCount);
      if (parts.length > 1) {
        for (const part of parts)
          expect(encoding === 'UCS-2' ? part.length : septets(part)).toBeLessThanOrEqual(
            encoding === 'UCS-2' ? 67 : 153,
          );
      }
      if (parts.length !== notifyCount) {
        straddles += 1;
        expect(parts.length).toBe(notifyCount + 1);
        expect(encoding).toBe('GSM-7');
        expect(
          parts
            .slice(0, -1)
            .some(
              (part, index) =>
                septets(part) === 152 && EXTENDED_GSM_CHARACTERS.has([...(parts[index + 1] ?? '')][0] ?? ''),
            ),
        ).toBe(true);
      }
    }
    expect(straddles).toBeLessThan(300);
  });

  it('keeps a message of up to 160 septets (70 UCS-2 characters) in one part', () => {
    expect(splitSmsIntoParts('a'.repeat(160)).parts).toHaveLength(1);
    expect(splitSmsIntoParts('a'.repeat(161)).parts).toEqual(['a'.repeat(153), 'a'.repeat(8)]);
    expect(splitSmsIntoParts(`${'€'.repeat(80)}`).parts).toHaveLength(1);
    expect(splitSmsIntoParts(`ŵ${'a'.repeat(69)}`)).toEqual({ encoding: 'UCS-2', parts: [`ŵ${'a'.repeat(69)}`] });
    expect(splitSmsIntoParts(`ŵ${'a'.repeat(70)}`).parts.map((part) => part.length)).toEqual([67, 4]);
  });
});

describe('SMPP addresses', () => {
  it('gives each kind of sender its type of number and numbering plan', () => {
    expect(senderAddress('Council')).toEqual({ ton: 5, npi: 0, address: 'Council' });
    expect(senderAddress('+447700900000')).toEqual({ ton: 1, npi: 1, address: '447700900000' });
    expect(senderAddress('07700900000')).toEqual({ ton: 2, npi: 1, address: '07700900000' });
    expect(senderAddress('60060')).toEqual({ ton: 3, npi: 0, address: '60060' });
    expect(senderAddress(null)).toEqual({ ton: 0, npi: 0, address: '' });
  });

  it('sends to the number in international form, as Notify normalises it', () => {
    expect(destinationAddress('07700 900123')).toEqual({ ton: 1, npi: 1, address: '447700900123' });
    expect(destinationAddress('+33 6 12 34 56 78')).toEqual({ ton: 1, npi: 1, address: '33612345678' });
  });
});

describe('delivery receipts', () => {
  it('reads the id and state from the text, or from the TLVs', () => {
    const text =
      'id:0A1B2C sub:001 dlvrd:001 submit date:2611211200 done date:2611211201 stat:DELIVRD err:000 text:Hello';
    expect(parseDeliveryReceipt({ esm_class: 4, short_message: { message: text } })).toEqual({
      id: '0A1B2C',
      stat: 'DELIVRD',
      err: '000',
    });
    expect(
      parseDeliveryReceipt({
        esm_class: 4,
        short_message: { message: 'stat:UNDELIV err:001' },
        receipted_message_id: '123\0',
      }),
    ).toEqual({
      id: '123',
      stat: 'UNDELIV',
      err: '001',
    });
    expect(
      parseDeliveryReceipt({
        esm_class: 4,
        short_message: { message: '' },
        receipted_message_id: '77',
        message_state: 3,
      }),
    ).toEqual({ id: '77', stat: 'EXPIRED', err: null });
    expect(parseDeliveryReceipt({ esm_class: 0, short_message: { message: 'A reply from a phone' } })).toBeNull();
  });

  it('matches ids whether the gateway writes them in hex or decimal, without leading zeros or case mattering', () => {
    expect(normaliseProviderId('000A1B2C')).toBe('a1b2c');
    expect(normaliseProviderId('0000')).toBe('0');
    expect(providerIdForms('660268')).toEqual(['660268', 'a132c', '6685288']);
    expect(providerIdForms('A132C')).toEqual(['a132c', '660268']);
    expect(providerIdForms('msg-1')).toEqual(['msg-1']);
  });

  it('maps states to Notify’s words, and a long text’s parts to one status', () => {
    expect(
      ['DELIVRD', 'EXPIRED', 'UNDELIV', 'REJECTD', 'DELETED', 'UNKNOWN', 'ENROUTE', 'ACCEPTD'].map(
        notifyStatusForSmppReceipt,
      ),
    ).toEqual([
      'delivered',
      'temporary-failure',
      'permanent-failure',
      'permanent-failure',
      'permanent-failure',
      'technical-failure',
      'sending',
      'sending',
    ]);
    expect(notifyStatusForTwilio('delivered', null)).toBe('delivered');
    expect(notifyStatusForTwilio('undelivered', 30003)).toBe('temporary-failure');
    expect(notifyStatusForTwilio('undelivered', 30005)).toBe('permanent-failure');
    expect(notifyStatusForTwilio('failed', null)).toBe('technical-failure');
    expect(notifyStatusForTwilio('sent', null)).toBe('sending');
    expect(combinedPartStatus(['delivered', null])).toBe('sending');
    expect(combinedPartStatus(['delivered', 'delivered'])).toBe('delivered');
    expect(combinedPartStatus(['delivered', 'sending', 'permanent-failure'])).toBe('permanent-failure');
  });
});
