// QR codes for the `qr:` paragraphs of letters, encoded by the `qrcode` package's core (pure JavaScript: no Node, DOM
// or canvas). What stays here is what Notify asks of segno (notifications_utils/qr_code.py:
// `segno.make(data, error="m", micro=False)`): one segment in the most compact mode the whole text allows, text as
// ISO 8859-1 where it can be and UTF-8 otherwise, the smallest version at level M, and the level raised as far as that
// version still holds the data. The symbol has the same version, level and mode as Notify's and holds the same text,
// but its modules differ: segno writes an extra zero codeword before the padding and scores masks slightly otherwise.
// Text that ISO 8859-1 cannot hold but Shift JIS can (Greek, Cyrillic, Japanese) segno writes in Shift JIS, and pure
// kanji in kanji mode, which can give a smaller level or version than UTF-8 here.
import * as ErrorCorrectionLevel from 'qrcode/lib/core/error-correction-level.js';
import * as Mode from 'qrcode/lib/core/mode.js';
import { create, type QrMode } from 'qrcode/lib/core/qrcode.js';
import { getCapacity } from 'qrcode/lib/core/version.js';

export type ErrorCorrectionLevel = 'L' | 'M' | 'Q' | 'H';

export interface QrCode {
  version: number;
  level: ErrorCorrectionLevel;
  mode: QrMode;
  mask: number;
  /** `modules[row][column]`, true for a dark module. */
  modules: boolean[][];
}

const LEVELS_ABOVE_M: readonly ErrorCorrectionLevel[] = ['Q', 'H'];
const NUMERIC = /^[0-9]+$/;
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/;

const ISO_8859_1 = /^[\u0000-\u00ff]*$/;

/** Byte mode holds ISO 8859-1 when every character has a code there; otherwise the package writes the text as UTF-8. */
function byteSegment(text: string): { data: string | Uint8Array; length: number } {
  if (ISO_8859_1.test(text))
    return { data: Uint8Array.from(text, (character) => character.charCodeAt(0)), length: text.length };
  return { data: text, length: utf8Length(text) };
}

function utf8Length(text: string): number {
  let length = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    length += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return length;
}

function segmentFor(text: string): { data: string | Uint8Array; mode: QrMode; length: number; modeObject: object } {
  if (NUMERIC.test(text)) return { data: text, mode: 'numeric', length: text.length, modeObject: Mode.NUMERIC };
  if (ALPHANUMERIC.test(text))
    return { data: text, mode: 'alphanumeric', length: text.length, modeObject: Mode.ALPHANUMERIC };
  return { ...byteSegment(text), mode: 'byte', modeObject: Mode.BYTE };
}

/** Encodes the text as Notify does: the smallest version at level M, then the highest level that version allows. */
export function encodeQrCode(text: string): QrCode {
  const segment = segmentFor(text);
  const segments = [{ data: segment.data, mode: segment.mode }];
  let smallest;
  try {
    smallest = create(segments, { errorCorrectionLevel: 'M' });
  } catch {
    throw new RangeError(`Too much data for a QR code: ${segment.length} characters in ${segment.mode} mode`);
  }
  let level: ErrorCorrectionLevel = 'M';
  for (const higher of LEVELS_ABOVE_M) {
    if (getCapacity(smallest.version, ErrorCorrectionLevel[higher], segment.modeObject) >= segment.length)
      level = higher;
  }
  const symbol =
    level === 'M' ? smallest : create(segments, { errorCorrectionLevel: level, version: smallest.version });
  const { size } = symbol.modules;
  const modules = Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => Boolean(symbol.modules.get(row, column))),
  );
  return { version: symbol.version, level, mode: segment.mode, mask: symbol.maskPattern, modules };
}
