// Renders resources/icon.svg, the one drawn source, into every icon and installer picture the packages need, with
// Debian's Chromium (through playwright-core), icotool (icoutils) and png2icns (icnsutils). The results are committed;
// run this again after changing the drawing: node scripts/make-icons.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const resources = fileURLToPath(new URL('../resources/', import.meta.url));
const iconUrl = `data:image/svg+xml;base64,${readFileSync(`${resources}icon.svg`).toString('base64')}`;
const pngSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const icoSizes = [16, 24, 32, 48, 64, 128];
const icnsSizes = [16, 32, 48, 128, 256, 512, 1024];
const png = (size) => `${resources}icons/${size}x${size}.png`;

/** A 24-bit Windows bitmap (what NSIS shows beside its pages) from RGBA pixels, rows bottom-up, each padded to 4 bytes. */
function bitmap(width, height, rgba) {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const file = Buffer.alloc(54 + rowBytes * height);
  file.write('BM', 0, 'ascii');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(rowBytes * height, 34);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const from = (y * width + x) * 4;
      const to = 54 + (height - 1 - y) * rowBytes + x * 3;
      file[to] = rgba[from + 2];
      file[to + 1] = rgba[from + 1];
      file[to + 2] = rgba[from];
    }
  }
  return file;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  mkdirSync(`${resources}icons`, { recursive: true });
  for (const size of pngSizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${iconUrl}" width="${size}" height="${size}"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: png(size), omitBackground: true });
  }
  copyFileSync(png(512), `${resources}icon.png`);

  // The Windows installer's side picture: the icon on GOV.UK blue, with the app's name.
  await page.setViewportSize({ width: 164, height: 314 });
  await page.setContent('<html><body style="margin:0"></body></html>');
  const sidebar = await page.evaluate(async (source) => {
    const icon = new Image(112, 112);
    icon.src = source;
    await icon.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 164;
    canvas.height = 314;
    const context = canvas.getContext('2d');
    context.fillStyle = '#1d70b8';
    context.fillRect(0, 0, 164, 314);
    context.drawImage(icon, 26, 48, 112, 112);
    context.fillStyle = '#ffffff';
    context.textAlign = 'center';
    context.font = 'bold 17px Arial, Helvetica, sans-serif';
    context.fillText('notify-desk', 82, 200);
    context.font = '12px Arial, Helvetica, sans-serif';
    context.fillText('for GOV.UK Notify', 82, 222);
    return Array.from(context.getImageData(0, 0, 164, 314).data);
  }, iconUrl);
  writeFileSync(`${resources}installer-sidebar.bmp`, bitmap(164, 314, sidebar));

  // The macOS disk image's window: the icon, an arrow, and where to drop it.
  await page.setViewportSize({ width: 540, height: 380 });
  await page.setContent(
    `<html><body style="margin:0;width:540px;height:380px;background:#f3f2f1;font-family:Arial,Helvetica,sans-serif;color:#0b0c0c">
      <p style="position:absolute;top:300px;width:540px;text-align:center;font-size:16px;margin:0">Drag notify-desk to Applications to install it</p>
      <p style="position:absolute;top:150px;left:245px;font-size:48px;margin:0;color:#1d70b8">&#8594;</p>
    </body></html>`,
  );
  await page.screenshot({ path: `${resources}dmg-background.png` });
} finally {
  await browser.close();
}

execFileSync('icotool', ['-c', '-o', `${resources}icon.ico`, ...icoSizes.map(png), `--raw=${png(256)}`]);
execFileSync('png2icns', [`${resources}icon.icns`, ...icnsSizes.map(png)], { stdio: 'ignore' });
console.log('Made resources/icon.png, icon.ico, icon.icns, icons/*.png, installer-sidebar.bmp, dmg-background.png');
