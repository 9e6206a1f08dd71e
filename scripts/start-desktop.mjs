// `npm start`: launches the desktop app. Where no Electron binary is installed (and none may be downloaded, or the
// download fails), says so and serves the same app to the browser instead (web mode).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Electron's binary if it is installed. Electron downloads it on first use unless ELECTRON_SKIP_BINARY_DOWNLOAD is set. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const installed = existsSync(pathFile) && existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8')));
  if (!installed && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null;
  try {
    return require('electron');
  } catch {
    return null;
  }
}

const forwarded = process.argv.slice(2);
const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.', ...forwarded], { stdio: 'inherit' })
  : (console.error(
      'Electron is not installed on this machine, so notify-desk opens in your browser instead (web mode).',
    ),
    spawn(process.execPath, ['bin/notify-desk.mjs', ...forwarded, 'web'], { stdio: 'inherit' }));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
