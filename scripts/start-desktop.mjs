// `npm start`: launches the desktop app. Where no Electron binary could be installed, says so and serves the same app
// to the browser instead (web mode).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary = null;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = null;
}

const forwarded = process.argv.slice(2);
const child = electronBinary
  ? spawn(electronBinary, ['.', ...forwarded], { stdio: 'inherit' })
  : (console.error('Electron is not installed on this machine, so notify-desk opens in your browser instead (web mode).'),
    spawn(process.execPath, ['bin/notify-desk.mjs', ...forwarded, 'web'], { stdio: 'inherit' }));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
