/** One page rendered in grey: one byte a pixel, 0 black to 255 white, row by row. */
export interface GreyRaster {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Reads the binary PGM (P5, 8-bit) images pdftoppm -gray writes, one after another, one per page. */
export function readGreyRasters(bytes: Uint8Array): GreyRaster[] {
  const rasters: GreyRaster[] = [];
  let at = 0;
  const readToken = (): string => {
    while (at < bytes.length) {
      const byte = bytes[at] as number;
      if (byte === 0x23) {
        while (at < bytes.length && bytes[at] !== 0x0a) at += 1;
      } else if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) at += 1;
      else break;
    }
    const start = at;
    while (at < bytes.length && ![0x20, 0x0a, 0x0d, 0x09].includes(bytes[at] as number)) at += 1;
    return new TextDecoder().decode(bytes.subarray(start, at));
  };
  while (at < bytes.length) {
    const magic = readToken();
    if (magic === '') break;
    if (magic !== 'P5') throw new Error(`Not a PGM image (${magic.slice(0, 4)})`);
    const width = Number(readToken());
    const height = Number(readToken());
    const maxValue = Number(readToken());
    if (!(width > 0 && height > 0) || maxValue !== 255) throw new Error('Unsupported PGM image');
    at += 1;
    const size = width * height;
    rasters.push({ width, height, pixels: bytes.slice(at, at + size) });
    at += size;
  }
  return rasters;
}
