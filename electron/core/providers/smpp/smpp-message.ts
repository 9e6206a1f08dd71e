// A text message as SMPP 3.4 submit_sm requests: the parts Notify counts, encoded as Notify decides (GSM 03.38 as
// data_coding 0, UCS-2 as 8), a concatenation header on each part of a long one, and addresses with their TON/NPI.
import { splitSmsIntoParts, validatePhoneNumber } from '../../../../shared/notify';

type Smpp = typeof import('smpp');

/** SMPP 3.4 type of number and numbering plan indicator values (section 5.2.5, 5.2.6). */
const TON = { unknown: 0, international: 1, national: 2, networkSpecific: 3, alphanumeric: 5 } as const;
const NPI = { unknown: 0, isdn: 1 } as const;
const DATA_CODING = { smscDefault: 0x00, ucs2: 0x08 } as const;
/** Ask for a receipt whether the message is delivered or fails. */
const FINAL_RECEIPT = 0x01;
/** Information element 00: concatenated short message, 8-bit reference (3GPP TS 23.040 9.2.3.24.1). */
const CONCATENATION_8_BIT = 0x00;

export interface SmppAddress {
  ton: number;
  npi: number;
  address: string;
}

/**
 * The source address for a sender: an alphanumeric sender id (TON 5), a number with + (international), a number
 * starting 0 (national), a short code of up to 8 digits (network specific); no sender leaves it to the gateway.
 */
export function senderAddress(sender: string | null): SmppAddress {
  if (!sender) return { ton: TON.unknown, npi: NPI.unknown, address: '' };
  if (!/^\+?[0-9]+$/.test(sender)) return { ton: TON.alphanumeric, npi: NPI.unknown, address: sender };
  const digits = sender.replace(/^\+/, '');
  if (sender.startsWith('+')) return { ton: TON.international, npi: NPI.isdn, address: digits };
  if (digits.startsWith('0')) return { ton: TON.national, npi: NPI.isdn, address: digits };
  if (digits.length <= 8) return { ton: TON.networkSpecific, npi: NPI.unknown, address: digits };
  return { ton: TON.international, npi: NPI.isdn, address: digits };
}

/** The destination: the recipient's number in international form, as Notify normalises it (country code, no +). */
export function destinationAddress(recipient: string): SmppAddress {
  const phone = validatePhoneNumber(recipient, { allowInternational: true, allowLandline: true });
  const address = phone.valid ? phone.normalised : recipient.replace(/[^0-9]/g, '');
  return { ton: TON.international, npi: NPI.isdn, address };
}

/** The submit_sm fields for each part of the message, in order. `reference` ties the parts of one long message together. */
export function submitSmParts(
  smpp: Smpp,
  text: string,
  sender: string | null,
  recipient: string,
  reference: number,
): Record<string, unknown>[] {
  const { encoding, parts } = splitSmsIntoParts(text);
  const source = senderAddress(sender);
  const destination = destinationAddress(recipient);
  const coding = encoding === 'UCS-2' ? DATA_CODING.ucs2 : DATA_CODING.smscDefault;
  const encode = (value: string): Buffer =>
    encoding === 'UCS-2' ? smpp.encodings.UCS2.encode(value) : smpp.encodings.ASCII.encode(value);
  return parts.map((part, index) => {
    const body = encode(part);
    const header = Buffer.from([5, CONCATENATION_8_BIT, 3, reference & 0xff, parts.length, index + 1]);
    return {
      source_addr_ton: source.ton,
      source_addr_npi: source.npi,
      source_addr: source.address,
      dest_addr_ton: destination.ton,
      dest_addr_npi: destination.npi,
      destination_addr: destination.address,
      registered_delivery: FINAL_RECEIPT,
      data_coding: coding,
      // A buffer goes as it is: the package's own encoding would mark GSM as 0x01.
      short_message: parts.length === 1 ? body : { udh: header, message: body },
    };
  });
}
