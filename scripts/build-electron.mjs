// Bundles the desktop app's three processes, as electron-vite would: the main process (window and message passing
// only), the preload, and the core host (the core, run in an Electron utility process). CommonJS, one file each,
// Node's built-in modules and the native modules left external.
import { builtinModules } from 'node:module';
import { build } from 'vite';

const external = [
  'electron',
  'better-sqlite3-multiple-ciphers',
  '@napi-rs/keyring',
  // The command line's and web mode's way to print letters; the desktop app uses its own Chromium.
  'playwright-core',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

const entries = [
  ['electron/main/index.ts', 'main.cjs'],
  ['electron/preload/index.ts', 'preload.cjs'],
  ['electron/core-host/entry.ts', 'core-host.cjs'],
];

for (const [entry, fileName] of entries) {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      target: 'node20',
      outDir: 'out/electron',
      emptyOutDir: false,
      minify: false,
      sourcemap: true,
      ssr: entry,
      rollupOptions: { external, output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false } },
    },
    ssr: { noExternal: true, external },
    // jsonc-parser's CommonJS build loads its parts with a require() a bundle cannot follow: its ES module build is whole.
    resolve: { alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' } },
  });
}
console.log(`Built ${entries.map(([, fileName]) => `out/electron/${fileName}`).join(', ')}`);
