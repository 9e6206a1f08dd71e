import { randomFillSync } from 'node:crypto';

const RANDOM_POOL_BYTES = 4096;
const RANDOM_BYTES_PER_ID = 8;
const MAX_SEQUENCE = 0xfff;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit sequence that counts up within one
 * millisecond (method 1), then 62 random bits. Ids made one after another sort in the order they were made, so
 * SQLite appends them to the end of its indexes instead of writing all over them, which keeps bulk queuing fast.
 */
export class TimeOrderedIdGenerator {
  private readonly pool = Buffer.alloc(RANDOM_POOL_BYTES);
  private poolOffset = RANDOM_POOL_BYTES;
  private lastMs = 0;
  private sequence = 0;

  constructor(private readonly now: () => number = Date.now) {}

  next(): string {
    let ms = this.now();
    if (ms > this.lastMs) {
      this.lastMs = ms;
      this.sequence = this.randomSequenceStart();
    } else if (this.sequence < MAX_SEQUENCE) {
      ms = this.lastMs;
      this.sequence += 1;
    } else {
      // 4,096 ids in one millisecond (or the clock went back): borrow the next millisecond to stay in order.
      this.lastMs += 1;
      ms = this.lastMs;
      this.sequence = 0;
    }
    const random = this.randomBytes();
    const time = ms.toString(16).padStart(12, '0').slice(-12);
    const versionAndSequence = (0x7000 | this.sequence).toString(16);
    const variantByte = 0x80 | ((random[0] ?? 0) & 0x3f);
    return (
      `${time.slice(0, 8)}-${time.slice(8)}-${versionAndSequence}-` +
      `${HEX[variantByte]}${HEX[random[1] ?? 0]}-` +
      `${HEX[random[2] ?? 0]}${HEX[random[3] ?? 0]}${HEX[random[4] ?? 0]}${HEX[random[5] ?? 0]}${HEX[random[6] ?? 0]}${HEX[random[7] ?? 0]}`
    );
  }

  /** Starts each millisecond's count low but unguessable, leaving room to count up. */
  private randomSequenceStart(): number {
    return (this.randomBytes()[0] ?? 0) & 0x3ff;
  }

  private randomBytes(): Buffer {
    if (this.poolOffset + RANDOM_BYTES_PER_ID > RANDOM_POOL_BYTES) {
      randomFillSync(this.pool);
      this.poolOffset = 0;
    }
    const bytes = this.pool.subarray(this.poolOffset, this.poolOffset + RANDOM_BYTES_PER_ID);
    this.poolOffset += RANDOM_BYTES_PER_ID;
    return bytes;
  }
}
