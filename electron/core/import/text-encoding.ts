import iconv from 'iconv-lite';
import type { Transform } from 'node:stream';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/**
 * Excel and back-office systems write UTF-8 (with or without a BOM), UTF-16 with a BOM ("Unicode text"),
 * or Windows-1252 ("CSV" on Windows). `validUtf8` says whether the whole file decodes as UTF-8.
 */
export function detectEncoding(head: Buffer, validUtf8: boolean): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const unmarkedUtf16 = unmarkedUtf16Encoding(head);
  if (unmarkedUtf16) return { encoding: unmarkedUtf16, bomLength: 0 };
  return { encoding: validUtf8 ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** UTF-16 without a BOM: text in Latin letters has a zero byte in every other place. */
function unmarkedUtf16Encoding(head: Buffer): TextEncoding | null {
  const sample = Math.min(head.length - (head.length % 2), 4096);
  if (sample < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let index = 0; index < sample; index += 2) {
    if (head[index] === 0) zeroEven += 1;
    if (head[index + 1] === 0) zeroOdd += 1;
  }
  const pairs = sample / 2;
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

export function decodeText(bytes: Buffer, encoding: TextEncoding): string {
  return iconv.decode(bytes, encoding, { stripBOM: false });
}

export function decoderStream(encoding: TextEncoding): Transform {
  return iconv.decodeStream(encoding, { stripBOM: false }) as unknown as Transform;
}
