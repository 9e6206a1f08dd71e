// A QR code as inline SVG: one path of dark runs, in module units, with no quiet zone (as Notify draws it), so
// the letter HTML stays self-contained. The path uses no minus signs, which the letter's hyphen rules would touch.
import { encodeQrCode } from './qr-code';

/** The dark modules as a path: one rectangle per horizontal run of dark modules. */
export function qrCodePath(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (!row[x]) continue;
      let end = x;
      while (row[end + 1]) end += 1;
      parts.push(`M${x} ${y}h${end - x + 1}v1H${x}z`);
      x = end;
    }
  });
  return parts.join('');
}

/** An SVG drawing of the QR code for this text (at Notify's error correction, level M boosted). */
export function qrCodeSvg(text: string): string {
  const { modules } = encodeQrCode(text);
  const size = modules.length;
  return (
    `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ${size} ${size}' role='img' aria-label='QR code' ` +
    `shape-rendering='crispEdges'><path fill='#000' d='${qrCodePath(modules)}'/></svg>`
  );
}
