// Bundles the Electron main process (with the core) and the preload, as electron-vite would: CommonJS, Node built-ins
// and native modules left external.
import { builtinModules } from 'node:module';
import { build } from 'vite';

const external = [
  'electron',
  'better-sqlite3',
  '@napi-rs/keyring',
  // The command line's and web mode's way to print letters; the desktop app uses its own Chromium.
  'playwright-core',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

for (const [entry, fileName] of [
  ['electron/main/index.ts', 'main.cjs'],
  ['electron/preload/index.ts', 'preload.cjs'],
]) {
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
      rollupOptions: { external, output: { format: 'cjs', entryFileNames: fileName } },
    },
    ssr: { noExternal: true, external },
  });
}
console.log('Built out/electron/main.cjs and out/electron/preload.cjs');
