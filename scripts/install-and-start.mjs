// The README's first command: installs everything and starts the app. Where the Electron binary cannot be downloaded
// (a closed network), installs without it and starts the same app in the browser (web mode).
import { spawnSync } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args, env = process.env) =>
  spawnSync(npm, args, { stdio: 'inherit', env, shell: process.platform === 'win32' }).status ?? 1;

if (run(['install', '--no-audit', '--no-fund']) !== 0) {
  console.error(
    '\nThe Electron binary could not be downloaded; installing without it (the app will open in your browser).\n',
  );
  if (run(['install', '--no-audit', '--no-fund'], { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }) !== 0)
    process.exit(1);
}
process.exit(run(['start']));
