import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes';
import { makeTempDir } from './temp-dir';

const run = promisify(execFile);

/** Debian's cups-pdf queue description. */
const CUPS_PDF_PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';

export interface PrivateCups {
  /** `host:port` for CUPS_SERVER. */
  server: string;
  printer: string;
  /** Where cups-pdf writes what it prints: the printing user's ~/PDF (cups-pdf's Debian configuration). */
  outputDir: string;
  stop(): Promise<void>;
}

/**
 * A CUPS scheduler of the test's own on 127.0.0.1, with its configuration, spool and logs in a private folder, and
 * one cups-pdf queue. cups-pdf's backend refuses to run unless the scheduler runs as root, so this needs root (CI
 * runs as root; .ci/run installs cups and printer-driver-cups-pdf). Nothing system-wide is changed: cups-pdf keeps
 * Debian's configuration and writes to the printing user's ~/PDF, from which the test removes what it printed.
 */
export async function startPrivateCups(): Promise<PrivateCups> {
  if (userInfo().uid !== 0) {
    throw new Error(
      'The CUPS printing test needs root: cups-pdf prints only from a scheduler running as root. Run it as CI does (as root).',
    );
  }
  const folder = makeTempDir();
  const dirs = Object.fromEntries(
    ['conf', 'spool', 'cache', 'state', 'log', 'tmp'].map((name) => [name, join(folder.path, name)]),
  );
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  chmodSync(folder.path, 0o755);
  // Filters run as the unprivileged lp user: they must reach the spool and the temporary folder.
  const lp = Number((await run('id', ['-g', 'lp'])).stdout.trim());
  for (const name of ['spool', 'tmp', 'cache', 'state']) chownSync(dirs[name]!, 0, lp);
  chmodSync(dirs.spool!, 0o710);
  chmodSync(dirs.tmp!, 0o1770);
  chmodSync(dirs.cache!, 0o770);
  chmodSync(dirs.state!, 0o755);
  chmodSync(dirs.conf!, 0o755);

  const port = await freePort();
  writeFileSync(
    join(dirs.conf!, 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`,
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      'LogLevel info',
      '<Location />',
      '  Order allow,deny',
      '  Allow 127.0.0.1',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dirs.conf!, 'cups-files.conf'),
    [
      `ServerRoot ${dirs.conf}`,
      `RequestRoot ${dirs.spool}`,
      `CacheDir ${dirs.cache}`,
      `StateDir ${dirs.state}`,
      `TempDir ${dirs.tmp}`,
      `AccessLog ${join(dirs.log!, 'access_log')}`,
      `ErrorLog ${join(dirs.log!, 'error_log')}`,
      `PageLog ${join(dirs.log!, 'page_log')}`,
      `Printcap ${join(folder.path, 'printcap')}`,
      'FileDevice No',
      '',
    ].join('\n'),
  );
  const cupsd: ChildProcess = spawn(
    '/usr/sbin/cupsd',
    ['-f', '-c', join(dirs.conf!, 'cupsd.conf'), '-s', join(dirs.conf!, 'cups-files.conf')],
    {
      stdio: 'ignore',
    },
  );
  const server = `127.0.0.1:${port}`;
  const env = { ...process.env, CUPS_SERVER: server };
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await run('lpstat', ['-r'], { env });
      break;
    } catch (error) {
      if (Date.now() > deadline || cupsd.exitCode !== null)
        throw new Error(`cupsd did not start: ${String(error)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const printer = 'DeskPDF';
  await run('lpadmin', ['-p', printer, '-E', '-v', 'cups-pdf:/', '-P', CUPS_PDF_PPD, '-o', 'media=A4'], { env });
  const outputDir = join(homedir(), 'PDF');
  return {
    server,
    printer,
    outputDir,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (cupsd.exitCode !== null) return resolve();
        cupsd.once('exit', () => resolve());
        cupsd.kill('SIGTERM');
      });
      folder.remove();
    },
  };
}

/** Waits for cups-pdf's output of a job by a word of the title it was printed with (cups-pdf names the file after it). */
export async function waitForCupsPdfOutput(outputDir: string, titleWord: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    mkdirSync(outputDir, { recursive: true });
    const found = readdirSync(outputDir).find((name) => name.includes(titleWord) && name.endsWith('.pdf'));
    if (found) {
      // cups-pdf writes through Ghostscript, then sets the file's owner: wait until its size stops changing.
      const path = join(outputDir, found);
      const { size } = statSync(path);
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (size > 0 && statSync(path).size === size) return path;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`cups-pdf wrote nothing named with ${titleWord} in ${outputDir} within ${timeoutMs} ms`);
}
