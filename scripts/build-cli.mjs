// Builds the command line (with web mode, the simulator and the import's worker thread, whose code travels as a
// string) to JavaScript in out/cli, so that `notify-desk` starts without compiling TypeScript. Chunks split at every
// `await import()`, so `--help` loads only the first chunk; the build fails if that chunk takes in anything heavy, or
// if creating the core (which every other command does) takes in a heavy library.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}out/cli`;

/** Native modules are loaded from node_modules as they are; playwright-core (letters printed by Debian's Chromium) is
 * loaded only when letters are printed, and cannot be bundled. */
const external = ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', 'playwright-core'];

/** What `notify-desk --help` must not load: any npm package, the contract's zod schemas, the core. */
const notForHelp = [/^node_modules\//, /^shared\/contract\//, /^electron\/core\/create-core\.ts$/];

/**
 * What creating the core must not load, with why: every command but `--help` creates the core, so each of these
 * would slow them all (`template list` took 440 ms rather than 200 when the first three were loaded with it). Each is
 * loaded where its work runs, with `await import()`.
 */
const inPackage = (name) => (input) => `/${input}`.includes(`/node_modules/${name}/`);
const notWithTheCore = [
  [
    '@cantoo/pdf-lib',
    'PDF letters only (the print run, the check of a PDF a post room made): ~800 KB with its SVG and HTML parsers',
  ],
  ['exceljs', 'XLSX exports and rejected rows only: ~1.5 MB with jszip, pako, archiver and readable-stream'],
  ['csv-stringify', 'CSV exports and downloads only'],
  ['iconv-lite', 'imported files in older encodings only: ~500 KB of code-page tables'],
  ['yauzl', 'XLSX imports only'],
  ['chokidar', 'watch folders only'],
  ['axios', 'talking to Notify only: ~340 KB with mime-db'],
  ['playwright-core', 'printing letters through Chromium only'],
  ['nodemailer', 'sending email directly, without Notify, only'],
  ['smpp', 'sending texts directly, without Notify, only'],
  ['@napi-rs/keyring', 'reading or writing a secret only: loading the native module took ~45 ms of CPU'],
].map(([name, why]) => ({ name, why, holds: inPackage(name) }));
notWithTheCore.push({
  name: "zod's translations",
  why: "`import { z } from 'zod'` takes in all of zod, every language's messages too (580 KB); import it as `import * as z from 'zod'` (140 KB)",
  holds: (input) => inPackage('zod')(input) && /\/v4\/locales\/(?!en\.js$)/.test(input),
});

/**
 * JSON files (phone number metadata, MIME types, character tables) become `JSON.parse("...")`: V8 reads a string
 * literal far faster than the same data written as an object literal, and the data is only parsed when it is used.
 */
const jsonAsString = {
  name: 'json-as-string',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async ({ path }) => ({
      contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(await readFile(path, 'utf8'))))});`,
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  chunkNames: '[name]-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [jsonAsString],
  // jsonc-parser's CommonJS build loads its parts with a require() a bundle cannot follow: its ES module build is whole.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

/**
 * Every input of the chunk of `entryPoint` and of the chunks it imports statically (what runs before any
 * `await import()`), and the packages left outside the bundle that they import, as `node_modules/NAME/`.
 */
function inputsLoadedWith(metafile, entryPoint) {
  const entry = Object.keys(metafile.outputs).find((output) => metafile.outputs[output].entryPoint === entryPoint);
  if (!entry) {
    console.error(
      `${entryPoint} has no chunk of its own: it is no longer loaded with await import(), and the checks below cannot run.`,
    );
    process.exit(1);
  }
  const seen = new Set();
  const inputs = new Set();
  const visit = (output) => {
    if (seen.has(output)) return;
    seen.add(output);
    const chunk = metafile.outputs[output];
    for (const input of Object.keys(chunk.inputs)) inputs.add(input);
    for (const imported of chunk.imports) {
      if (imported.kind !== 'import-statement') continue;
      if (!imported.external) visit(imported.path);
      else if (!isBuiltin(imported.path)) inputs.add(`node_modules/${imported.path}/`);
    }
  };
  visit(entry);
  return [...inputs];
}

const listed = (inputs) =>
  `${inputs.slice(0, 8).join(', ')}${inputs.length > 8 ? ` and ${inputs.length - 8} more` : ''}`;

const heavy = inputsLoadedWith(result.metafile, 'cli/main.ts').filter((input) =>
  notForHelp.some((pattern) => pattern.test(input)),
);
if (heavy.length > 0) {
  console.error(
    `The command line's first chunk loads ${listed(heavy)}.\n` +
      'Import these inside the command that needs them (await import(...)), so that notify-desk --help stays fast.',
  );
  process.exit(1);
}

/** The files, outside the library, that import it: where to put the `await import()`. */
function importersOf(library, loaded) {
  const importPath = (imported) => (imported.external ? `node_modules/${imported.path}/` : imported.path);
  return loaded.filter(
    (input) =>
      !library.holds(input) &&
      result.metafile.inputs[input]?.imports.some(
        (imported) => imported.kind !== 'dynamic-import' && library.holds(importPath(imported)),
      ),
  );
}

const loadedWithCore = inputsLoadedWith(result.metafile, 'electron/core/create-core.ts');
const heavyForCore = notWithTheCore.filter((library) => loadedWithCore.some((input) => library.holds(input)));
if (heavyForCore.length > 0) {
  console.error(
    [
      'Creating the core (every command but --help) loads libraries that only some work needs:',
      ...heavyForCore.map(
        (library) =>
          `- ${library.name}: ${library.why}.\n  Imported by ${listed(importersOf(library, loadedWithCore))}.`,
      ),
      'Load each library with await import() where its work runs, as electron/core/record/export/write-report.ts loads exceljs.',
    ].join('\n'),
  );
  process.exit(1);
}
console.log('Built out/cli/main.js');
