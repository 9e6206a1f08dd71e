import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

/**
 * What the packaged app may weigh: the archive (about 7 MB, most of it the core's bundle with exceljs, the PDF
 * library and zod, unminified for readable stack traces), and the native modules beside it.
 */
const BUDGET_BYTES = { asar: 9 * 1024 * 1024, unpacked: 16 * 1024 * 1024 };

/** Native modules, and the two small packages the SQLite driver loads them with: the only node_modules that ship. */
const shippedPackages = [
  'better-sqlite3-multiple-ciphers',
  'bindings',
  'file-uri-to-path',
  '@napi-rs/keyring',
  '@napi-rs/keyring-linux-x64-gnu',
];

/**
 * A stand-in for Electron's Linux distribution (no Electron binary can be downloaded here): an `electron` file with the
 * fuse wire after its sentinel, set as Electron ships it, so that packaging must flip every fuse the config names.
 */
function standInElectron(folder: string): string {
  const dist = join(folder, 'electron-dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  mkdirSync(join(dist, 'locales'), { recursive: true });
  // RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, any app folder, no V8
  // snapshot of its own, file:// privileged.
  const shippedWire = '10110001';
  const binary = Buffer.concat([
    Buffer.from('stand-in for electron\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, shippedWire.length]),
    Buffer.from(shippedWire),
  ]);
  writeFileSync(join(dist, 'electron'), binary);
  chmodSync(join(dist, 'electron'), 0o755);
  return dist;
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

let folder: { path: string; remove(): void };
let appDir: string;
let asar: string;
let entries: string[];

beforeAll(() => {
  for (const built of [
    'out/electron/main.cjs',
    'out/electron/preload.cjs',
    'out/electron/core-host.cjs',
    'renderer/dist/index.html',
  ]) {
    if (!existsSync(join(root, built)))
      throw new Error(`${built} is missing: run npm run build first (npm test does).`);
  }
  folder = makeTempDir('notify-desk-package-');
  const output = join(folder.path, 'release');
  const packaging = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--config',
      'electron-builder.yml',
      `-c.electronDist=${standInElectron(folder.path)}`,
      // Rebuilding the native modules for Electron needs Electron's headers from the internet; here they stay built for
      // this Node, which lets the test load them.
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 120_000 },
  );
  if (packaging.status !== 0) throw new Error(`electron-builder failed:\n${packaging.stdout}\n${packaging.stderr}`);
  appDir = join(output, 'linux-unpacked');
  asar = join(appDir, 'resources', 'app.asar');
  entries = listPackage(asar, { isPack: false }).map((entry) => entry.replace(/^[\\/]/, '').replaceAll('\\', '/'));
}, 150_000);

afterAll(() => folder?.remove());

describe('the packaged desktop app (electron-builder, Linux folder, from a stand-in Electron)', () => {
  it("holds the app's built files, and starts from the main process bundle", () => {
    for (const file of [
      'package.json',
      'out/electron/main.cjs',
      'out/electron/preload.cjs',
      'out/electron/core-host.cjs',
      'renderer/dist/index.html',
    ]) {
      expect(entries).toContain(file);
    }
    expect(entries.some((entry) => /^renderer\/dist\/assets\/index-[\w-]+\.js$/.test(entry))).toBe(true);
    const packaged = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string };
    expect(entries).toContain(packaged.main);
    expect(existsSync(join(appDir, 'resources', 'policy.example.json'))).toBe(true);
  });

  it('holds no tests, fixtures, sources, source maps or tools: of node_modules, only the native modules', () => {
    const topLevel = new Set(entries.map((entry) => entry.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json', 'renderer']);
    const unwanted = entries.filter(
      (entry) =>
        /(^|\/)(tests?|__tests__|fixtures|spec|src|deps|docs|benchmark)(\/|$)/.test(entry) ||
        /\.(ts|tsx|map|c|cc|cpp|h|o|a|gyp|gypi|mk)$/.test(entry) ||
        (entry.startsWith('out/') && !entry.startsWith('out/electron')),
    );
    expect(unwanted).toEqual([]);
    const packages = new Set(
      entries
        .filter((entry) => entry.startsWith('node_modules/') && entry.split('/').length > 2)
        .map((entry) => {
          const parts = entry.split('/');
          return parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!;
        }),
    );
    expect([...packages].sort()).toEqual([...shippedPackages].sort());
  });

  it('keeps every native module outside the archive, where it loads', () => {
    const nativeFiles = entries.filter((entry) => entry.endsWith('.node'));
    expect(nativeFiles.sort()).toEqual([
      'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node',
      'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
    ]);
    for (const file of nativeFiles) {
      expect((statFile(asar, file) as { unpacked?: boolean }).unpacked, file).toBe(true);
      expect(existsSync(join(appDir, 'resources', 'app.asar.unpacked', file)), file).toBe(true);
    }
    // As Electron sees the app: the archive and what was unpacked beside it, in one tree.
    const extracted = join(folder.path, 'extracted');
    extractAll(asar, extracted);
    const probe = `
      const ciphers = require('better-sqlite3-multiple-ciphers');
      const { Entry } = require('@napi-rs/keyring');
      const encrypted = new ciphers(':memory:');
      console.log(JSON.stringify({
        sqlite: encrypted.prepare('select sqlite_version() as v').get().v,
        cipher: encrypted.pragma('cipher', { simple: true }),
        keyring: typeof Entry,
        from: [require.resolve('better-sqlite3-multiple-ciphers')],
      }));`;
    const loaded = spawnSync(process.execPath, ['-e', probe], { cwd: extracted, encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    const result = JSON.parse(loaded.stdout) as { sqlite: string; cipher: string; keyring: string; from: string[] };
    expect(result.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(result.cipher).toBe('chacha20');
    expect(result.keyring).toBe('function');
    for (const path of result.from) expect(path.startsWith(extracted)).toBe(true);
  });

  it('has the fuses the configuration sets written into the Electron binary', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'notify-desk'));
    expect(wire.version).toBe(FuseVersion.V1);
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: DISABLED,
      nodeOptions: DISABLED,
      inspectArguments: DISABLED,
      asarIntegrity: ENABLED,
      onlyFromAsar: ENABLED,
      cookieEncryption: ENABLED,
      fileProtocolPrivileges: DISABLED,
    });
  });

  it('stays within its size budget', () => {
    const sizes = { asar: sizeOf(asar), unpacked: sizeOf(join(appDir, 'resources', 'app.asar.unpacked')) };
    expect(sizes.asar).toBeLessThan(BUDGET_BYTES.asar);
    expect(sizes.unpacked).toBeLessThan(BUDGET_BYTES.unpacked);
  });
});
