import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';

/**
 * The text of an XML part arriving as bytes, decoded as XML says its encoding is found: a byte-order mark (UTF-8,
 * UTF-16 LE or BE, as Excel on phones writes), else the shape of "<?" in UTF-16 without a mark, else the encoding the
 * declaration names, else UTF-8. The mark itself is not part of the text.
 */
export async function* xmlPartText(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let decoder: { write(chunk: Buffer): string; end(): string } | null = null;
  let head: Buffer = Buffer.alloc(0);
  for await (const chunk of bytes) {
    if (!decoder) {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      // The declaration fits in the first few hundred bytes; wait for them unless the part is shorter.
      if (head.length < 256) continue;
      decoder = decoderFor(head);
      const text = decoder.write(head.subarray(byteOrderMarkLength(head)));
      if (text) yield text;
      continue;
    }
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  if (!decoder) {
    decoder = decoderFor(head);
    const text = decoder.write(head.subarray(byteOrderMarkLength(head)));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A whole part's text, for the small parts read at once (relationships, workbook, styles). */
export async function xmlPartWhole(bytes: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of xmlPartText(bytes)) text += chunk;
  return text;
}

function byteOrderMarkLength(head: Buffer): number {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 3;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 2;
  return 0;
}

function decoderFor(head: Buffer): { write(chunk: Buffer): string; end(): string } {
  if (
    (head[0] === 0xff && head[1] === 0xfe) ||
    (head[0] === 0x3c && head[1] === 0 && head[2] === 0x3f && head[3] === 0)
  ) {
    return new StringDecoder('utf16le');
  }
  if (
    (head[0] === 0xfe && head[1] === 0xff) ||
    (head[0] === 0 && head[1] === 0x3c && head[2] === 0 && head[3] === 0x3f)
  ) {
    return textDecoder('utf-16be');
  }
  if (byteOrderMarkLength(head) === 0) {
    const declared = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/
      .exec(head.toString('latin1', 0, 256))?.[1]
      ?.toLowerCase();
    if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) {
      const stream = iconv.getDecoder(declared);
      return { write: (chunk) => stream.write(chunk), end: () => stream.end() ?? '' };
    }
  }
  return new StringDecoder('utf8');
}

function textDecoder(encoding: string): { write(chunk: Buffer): string; end(): string } {
  const decoder = new TextDecoder(encoding);
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}
