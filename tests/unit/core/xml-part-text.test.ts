import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { xmlPartWhole } from '../../../electron/core/import/xml-part-text';

const xml = '<?xml version="1.0" encoding="ENCODING"?><sst><si><t>Dŵr £5 “quoted” 👋</t></si></sst>';

/** The bytes in pieces of every size from 1 to 7, so that characters and marks are cut anywhere. */
async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function decodedEveryWay(bytes: Buffer): Promise<Set<string>> {
  const results = new Set<string>();
  for (let size = 1; size <= 7; size += 1) results.add(await xmlPartWhole(pieces(bytes, size)));
  results.add(await xmlPartWhole(pieces(bytes, bytes.length)));
  return results;
}

describe('the text of an XML part, whatever its encoding', () => {
  it('reads UTF-8, with or without a byte-order mark', async () => {
    const text = xml.replace('ENCODING', 'UTF-8');
    expect(await decodedEveryWay(Buffer.from(text))).toEqual(new Set([text]));
    expect(await decodedEveryWay(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual(
      new Set([text]),
    );
  });

  it('reads UTF-16 little- and big-endian, with a byte-order mark or without one', async () => {
    const text = xml.replace('ENCODING', 'UTF-16');
    const little = Buffer.from(text, 'utf16le');
    const big = Buffer.from(little).swap16();
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), little]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), big]),
      little,
      big,
    ]) {
      expect(await decodedEveryWay(bytes)).toEqual(new Set([text]));
    }
  });

  it('reads the single-byte encoding the declaration names', async () => {
    const text = '<?xml version="1.0" encoding="windows-1252"?><t>£5 “quoted” café</t>';
    expect(await decodedEveryWay(iconv.encode(text, 'windows-1252'))).toEqual(new Set([text]));
  });

  it('reads an empty part and a part shorter than its declaration would be', async () => {
    expect(await xmlPartWhole(pieces(Buffer.alloc(0), 1))).toBe('');
    expect(await xmlPartWhole(pieces(Buffer.from('<a/>'), 1))).toBe('<a/>');
  });
});
