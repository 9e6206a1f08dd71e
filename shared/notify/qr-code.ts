// A QR code encoder (model 2, byte mode) for the `qr:` paragraphs of letters. Notify draws them with segno at error
// correction level M, boosted to a higher level when the data still fits the same version, with no quiet zone
// (notifications_utils/qr_code.py); this does the same.
import {
  ECC_CODEWORDS_PER_BLOCK,
  ERROR_CORRECTION_BLOCKS,
  ERROR_CORRECTION_LEVELS,
  FORMAT_BITS,
  MAX_VERSION,
  MIN_VERSION,
  alignmentPatternCentres,
  byteCountBits,
  dataCodewords,
  rawDataModules,
  symbolSize,
  type ErrorCorrectionLevel,
} from './qr-code-tables';

export type { ErrorCorrectionLevel } from './qr-code-tables';

export interface QrCode {
  version: number;
  level: ErrorCorrectionLevel;
  mask: number;
  /** `modules[row][column]`, true for a dark module. */
  modules: boolean[][];
}

export interface QrCodeOptions {
  /** The lowest error correction level; M unless given. */
  level?: ErrorCorrectionLevel;
  /** Raise the level as far as the data allows without a larger symbol (as segno does by default). */
  boostLevel?: boolean;
  /** Use this version (1 to 40) rather than the smallest that fits. */
  version?: number;
  /** Use this mask (0 to 7) rather than the one with the lowest penalty. */
  mask?: number;
}

/** The bytes a QR code holds for this text: ISO 8859-1 when every character has a code there, otherwise UTF-8. */
export function qrCodeBytes(text: string): Uint8Array {
  const codePoints = [...text].map((character) => character.codePointAt(0) ?? 0);
  if (codePoints.every((codePoint) => codePoint <= 0xff)) return Uint8Array.from(codePoints);
  return Uint8Array.from(codePoints.flatMap(utf8));
}

function utf8(codePoint: number): number[] {
  if (codePoint < 0x80) return [codePoint];
  if (codePoint < 0x800) return [0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f)];
  if (codePoint < 0x10000) return [0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f)];
  return [0xf0 | (codePoint >> 18), 0x80 | ((codePoint >> 12) & 0x3f), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f)];
}

function fits(byteCount: number, version: number, level: ErrorCorrectionLevel): boolean {
  return 4 + byteCountBits(version) + byteCount * 8 <= dataCodewords(version, level) * 8;
}

function chooseVersionAndLevel(byteCount: number, options: QrCodeOptions): { version: number; level: ErrorCorrectionLevel } {
  const lowest = options.level ?? 'M';
  let version = options.version;
  if (version === undefined) {
    for (let candidate = MIN_VERSION; candidate <= MAX_VERSION && version === undefined; candidate += 1) {
      if (fits(byteCount, candidate, lowest)) version = candidate;
    }
  }
  if (version === undefined || !Number.isInteger(version) || version < MIN_VERSION || version > MAX_VERSION || !fits(byteCount, version, lowest)) {
    throw new RangeError(`Too much data for a QR code: ${byteCount} bytes`);
  }
  let level = lowest;
  if (options.boostLevel ?? true) {
    for (const higher of ERROR_CORRECTION_LEVELS.slice(ERROR_CORRECTION_LEVELS.indexOf(lowest) + 1)) {
      if (fits(byteCount, version, higher)) level = higher;
    }
  }
  return { version, level };
}

/** Mode indicator, count, the bytes, terminator and padding: exactly the data codewords of the symbol. */
function dataCodewordsFor(bytes: Uint8Array, version: number, level: ErrorCorrectionLevel): number[] {
  const bits: number[] = [];
  const append = (value: number, length: number) => {
    for (let bit = length - 1; bit >= 0; bit -= 1) bits.push((value >>> bit) & 1);
  };
  append(0b0100, 4);
  append(bytes.length, byteCountBits(version));
  for (const byte of bytes) append(byte, 8);
  const capacity = dataCodewords(version, level) * 8;
  append(0, Math.min(4, capacity - bits.length));
  append(0, (8 - (bits.length % 8)) % 8);
  const codewords: number[] = [];
  for (let index = 0; index < bits.length; index += 8) {
    codewords.push(bits.slice(index, index + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  }
  for (let pad = 0xec; codewords.length < capacity / 8; pad ^= 0xec ^ 0x11) codewords.push(pad);
  return codewords;
}

/** Multiplication in GF(2^8) with Notify's (and every QR code's) polynomial x^8 + x^4 + x^3 + x^2 + 1. */
function gfMultiply(a: number, b: number): number {
  let product = 0;
  for (let bit = 7; bit >= 0; bit -= 1) {
    product = (product << 1) ^ ((product >>> 7) * 0x11d);
    product ^= ((b >>> bit) & 1) * a;
  }
  return product;
}

function reedSolomonDivisor(degree: number): number[] {
  const divisor = new Array<number>(degree).fill(0);
  divisor[degree - 1] = 1;
  let root = 1;
  for (let step = 0; step < degree; step += 1) {
    for (let index = 0; index < degree; index += 1) {
      divisor[index] = gfMultiply(divisor[index] ?? 0, root) ^ (divisor[index + 1] ?? 0);
    }
    root = gfMultiply(root, 0x02);
  }
  return divisor;
}

function reedSolomonRemainder(data: readonly number[], divisor: readonly number[]): number[] {
  const remainder = new Array<number>(divisor.length).fill(0);
  for (const byte of data) {
    const factor = byte ^ (remainder.shift() ?? 0);
    remainder.push(0);
    divisor.forEach((coefficient, index) => (remainder[index] = (remainder[index] ?? 0) ^ gfMultiply(coefficient, factor)));
  }
  return remainder;
}

/** Splits the data into blocks, adds each block's error correction and interleaves them. */
function withErrorCorrection(data: readonly number[], version: number, level: ErrorCorrectionLevel): number[] {
  const blockCount = ERROR_CORRECTION_BLOCKS[level][version] ?? 1;
  const eccLength = ECC_CODEWORDS_PER_BLOCK[level][version] ?? 0;
  const totalCodewords = Math.floor(rawDataModules(version) / 8);
  const shortBlockCount = blockCount - (totalCodewords % blockCount);
  const shortBlockDataLength = Math.floor(totalCodewords / blockCount) - eccLength;
  const divisor = reedSolomonDivisor(eccLength);
  const dataBlocks: number[][] = [];
  const eccBlocks: number[][] = [];
  for (let block = 0, offset = 0; block < blockCount; block += 1) {
    const length = shortBlockDataLength + (block < shortBlockCount ? 0 : 1);
    const blockData = data.slice(offset, offset + length);
    offset += length;
    dataBlocks.push(blockData);
    eccBlocks.push(reedSolomonRemainder(blockData, divisor));
  }
  const interleaved: number[] = [];
  for (let index = 0; index <= shortBlockDataLength; index += 1) {
    for (const block of dataBlocks) if (index < block.length) interleaved.push(block[index] ?? 0);
  }
  for (let index = 0; index < eccLength; index += 1) {
    for (const block of eccBlocks) interleaved.push(block[index] ?? 0);
  }
  return interleaved;
}

class ModuleGrid {
  readonly size: number;
  readonly dark: boolean[][];
  readonly reserved: boolean[][];

  constructor(size: number) {
    this.size = size;
    this.dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    this.reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  }

  setFunction(column: number, row: number, dark: boolean): void {
    if (column < 0 || row < 0 || column >= this.size || row >= this.size) return;
    (this.dark[row] as boolean[])[column] = dark;
    (this.reserved[row] as boolean[])[column] = true;
  }

  isReserved(column: number, row: number): boolean {
    return this.reserved[row]?.[column] ?? true;
  }
}

function drawFunctionPatterns(grid: ModuleGrid, version: number): void {
  const size = grid.size;
  for (let index = 0; index < size; index += 1) {
    grid.setFunction(6, index, index % 2 === 0);
    grid.setFunction(index, 6, index % 2 === 0);
  }
  for (const [column, row] of [[3, 3], [size - 4, 3], [3, size - 4]] as const) {
    for (let dy = -4; dy <= 4; dy += 1) {
      for (let dx = -4; dx <= 4; dx += 1) {
        const distance = Math.max(Math.abs(dx), Math.abs(dy));
        grid.setFunction(column + dx, row + dy, distance !== 2 && distance !== 4);
      }
    }
  }
  const centres = alignmentPatternCentres(version);
  const last = centres.length - 1;
  centres.forEach((row, i) =>
    centres.forEach((column, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy += 1) {
        for (let dx = -2; dx <= 2; dx += 1) grid.setFunction(column + dx, row + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }),
  );
  drawFormatBits(grid, 'M', 0);
  if (version >= 7) {
    let remainder = version;
    for (let step = 0; step < 12; step += 1) remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
    const bits = (version << 12) | remainder;
    for (let index = 0; index < 18; index += 1) {
      const dark = ((bits >>> index) & 1) === 1;
      const across = size - 11 + (index % 3);
      const down = Math.floor(index / 3);
      grid.setFunction(across, down, dark);
      grid.setFunction(down, across, dark);
    }
  }
}

function drawFormatBits(grid: ModuleGrid, level: ErrorCorrectionLevel, mask: number): void {
  const data = (FORMAT_BITS[level] << 3) | mask;
  let remainder = data;
  for (let step = 0; step < 10; step += 1) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  const bits = ((data << 10) | remainder) ^ 0x5412;
  const bit = (index: number) => ((bits >>> index) & 1) === 1;
  const size = grid.size;
  for (let index = 0; index <= 5; index += 1) grid.setFunction(8, index, bit(index));
  grid.setFunction(8, 7, bit(6));
  grid.setFunction(8, 8, bit(7));
  grid.setFunction(7, 8, bit(8));
  for (let index = 9; index < 15; index += 1) grid.setFunction(14 - index, 8, bit(index));
  for (let index = 0; index < 8; index += 1) grid.setFunction(size - 1 - index, 8, bit(index));
  for (let index = 8; index < 15; index += 1) grid.setFunction(8, size - 15 + index, bit(index));
  grid.setFunction(8, size - 8, true);
}

/** Places the codewords in the two-column zigzag from the bottom right, skipping the function patterns. */
function drawCodewords(grid: ModuleGrid, codewords: readonly number[]): void {
  const size = grid.size;
  let bitIndex = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step += 1) {
      const row = upward ? size - 1 - step : step;
      for (let offset = 0; offset < 2; offset += 1) {
        const column = right - offset;
        if (grid.isReserved(column, row) || bitIndex >= codewords.length * 8) continue;
        const codeword = codewords[bitIndex >>> 3] ?? 0;
        (grid.dark[row] as boolean[])[column] = ((codeword >>> (7 - (bitIndex & 7))) & 1) === 1;
        bitIndex += 1;
      }
    }
  }
}

const MASKS: readonly ((row: number, column: number) => boolean)[] = [
  (row, column) => (row + column) % 2 === 0,
  (row) => row % 2 === 0,
  (_row, column) => column % 3 === 0,
  (row, column) => (row + column) % 3 === 0,
  (row, column) => (Math.floor(row / 2) + Math.floor(column / 3)) % 2 === 0,
  (row, column) => ((row * column) % 2) + ((row * column) % 3) === 0,
  (row, column) => (((row * column) % 2) + ((row * column) % 3)) % 2 === 0,
  (row, column) => (((row + column) % 2) + ((row * column) % 3)) % 2 === 0,
];

function applyMask(grid: ModuleGrid, mask: number): void {
  const inMask = MASKS[mask];
  if (!inMask) throw new RangeError(`There is no QR code mask ${mask}`);
  for (let row = 0; row < grid.size; row += 1) {
    for (let column = 0; column < grid.size; column += 1) {
      if (!grid.isReserved(column, row) && inMask(row, column)) {
        (grid.dark[row] as boolean[])[column] = !grid.dark[row]?.[column];
      }
    }
  }
}

const FINDER_LIKE = ['10111010000', '00001011101'];

function lineScore(line: readonly boolean[]): number {
  let score = 0;
  let run = 1;
  for (let index = 1; index <= line.length; index += 1) {
    if (index < line.length && line[index] === line[index - 1]) {
      run += 1;
      continue;
    }
    if (run >= 5) score += 3 + (run - 5);
    run = 1;
  }
  const text = line.map((dark) => (dark ? '1' : '0')).join('');
  for (const pattern of FINDER_LIKE) {
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) score += 40;
  }
  return score;
}

/** The penalty of ISO/IEC 18004 §7.8.3: runs, 2×2 blocks, finder-like patterns and the balance of dark modules. */
export function maskPenalty(modules: readonly (readonly boolean[])[]): number {
  const size = modules.length;
  let score = 0;
  let darkCount = 0;
  for (let row = 0; row < size; row += 1) {
    const cells = modules[row] ?? [];
    score += lineScore(cells);
    score += lineScore(modules.map((line) => line[row] ?? false));
    for (let column = 0; column < size; column += 1) {
      if (cells[column]) darkCount += 1;
      if (row + 1 < size && column + 1 < size) {
        const colour = cells[column];
        const next = modules[row + 1] ?? [];
        if (cells[column + 1] === colour && next[column] === colour && next[column + 1] === colour) score += 3;
      }
    }
  }
  const total = size * size;
  score += Math.floor((Math.abs(darkCount * 2 - total) * 10) / total) * 10;
  return score;
}

/** Encodes the text as a QR code, the smallest version that holds it, and returns its modules. */
export function encodeQrCode(text: string, options: QrCodeOptions = {}): QrCode {
  const bytes = qrCodeBytes(text);
  const { version, level } = chooseVersionAndLevel(bytes.length, options);
  const codewords = withErrorCorrection(dataCodewordsFor(bytes, version, level), version, level);
  const draw = (mask: number): ModuleGrid => {
    const grid = new ModuleGrid(symbolSize(version));
    drawFunctionPatterns(grid, version);
    drawCodewords(grid, codewords);
    applyMask(grid, mask);
    drawFormatBits(grid, level, mask);
    return grid;
  };
  let best: { mask: number; grid: ModuleGrid; penalty: number } | null = null;
  const masks = options.mask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [options.mask];
  for (const mask of masks) {
    const grid = draw(mask);
    const penalty = masks.length === 1 ? 0 : maskPenalty(grid.dark);
    if (!best || penalty < best.penalty) best = { mask, grid, penalty };
  }
  if (!best) throw new RangeError('No QR code mask was tried');
  return { version, level, mask: best.mask, modules: best.grid.dark };
}
