import { smppStateWord } from '../provider-statuses';

/** A delivery receipt from an SMPP gateway: the id it gave the message, and its state. */
export interface DeliveryReceipt {
  id: string;
  /** The `stat:` word (DELIVRD, UNDELIV, …). */
  stat: string;
  /** The gateway's error code, when it gives one. */
  err: string | null;
}

/** `esm_class` bit 2: the deliver_sm carries an SMSC delivery receipt. */
const MC_DELIVERY_RECEIPT = 0x04;

/** A deliver_sm's fields, as the smpp package decodes them. */
type DeliverSmFields = Readonly<Record<string, unknown>>;

function receiptText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value) return receiptText(value.message);
  return '';
}

const field = (text: string, name: string): string | null =>
  new RegExp(`(?:^|\\s)${name}:(\\S+)`, 'i').exec(text)?.[1] ?? null;

/**
 * The receipt a deliver_sm carries, or null for a deliver_sm that is not one (a reply from a phone). The id comes from
 * the `receipted_message_id` TLV when present, else the text's `id:`; the state from the text's `stat:`, else the
 * `message_state` TLV (SMPP 3.4 Appendix B and section 5.3.2).
 */
export function parseDeliveryReceipt(pdu: DeliverSmFields): DeliveryReceipt | null {
  const text = receiptText(pdu.short_message) || receiptText(pdu.message_payload);
  const flagged = typeof pdu.esm_class === 'number' && (pdu.esm_class & MC_DELIVERY_RECEIPT) !== 0;
  if (!flagged && !/^\s*id:/i.test(text)) return null;
  const tlvId = typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id.replace(/\0+$/, '').trim() : '';
  const id = tlvId || field(text, 'id');
  const stat = field(text, 'stat') ?? (typeof pdu.message_state === 'number' ? smppStateWord(pdu.message_state) : null);
  if (!id || !stat) return null;
  return { id, stat: stat.toUpperCase(), err: field(text, 'err') };
}

/** A provider's id as the desk stores it: lower case, without leading zeros. */
export function normaliseProviderId(id: string): string {
  const lower = id.trim().toLowerCase();
  const stripped = lower.replace(/^0+/, '');
  return stripped === '' && lower !== '' ? '0' : stripped;
}

/**
 * The stored forms a receipt's id may match, best first: the id itself, then (gateways differ on this, some giving
 * hex in submit_sm_resp and decimal in the receipt, or the other way round) its decimal read as hex, and its hex
 * read as decimal.
 */
export function providerIdForms(id: string): string[] {
  const exact = normaliseProviderId(id);
  const forms = [exact];
  if (/^[0-9]+$/.test(exact) && exact.length <= 30) forms.push(BigInt(exact).toString(16));
  if (/^[0-9a-f]+$/.test(exact) && exact.length <= 24) forms.push(BigInt(`0x${exact}`).toString(10));
  return [...new Set(forms)];
}
