// Builds the command line (with web mode, the simulator and the import's worker thread, whose code travels as a
// string) to JavaScript in out/cli, so that `notify-desk` starts without compiling TypeScript. Chunks split at every
// `await import()`, so `--help` loads only the first chunk; the build fails if that chunk takes in anything heavy.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}out/cli`;

/** Native modules are loaded from node_modules as they are; playwright-core (letters printed by Debian's Chromium) is
 * loaded only when letters are printed, and cannot be bundled. */
const external = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', '@napi-rs/keyring', 'playwright-core'];

/** What `notify-desk --help` must not load: any npm package, the contract's zod schemas, the core. */
const notForHelp = [/^node_modules\//, /^shared\/contract\//, /^electron\/core\/create-core\.ts$/];

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
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

/** Every input of the entry chunk and of the chunks it imports statically (what runs before any `await import()`). */
function inputsLoadedAtStart(metafile, entry) {
  const seen = new Set();
  const inputs = new Set();
  const visit = (output) => {
    if (seen.has(output)) return;
    seen.add(output);
    const chunk = metafile.outputs[output];
    for (const input of Object.keys(chunk.inputs)) inputs.add(input);
    for (const imported of chunk.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return [...inputs];
}

const entry = Object.keys(result.metafile.outputs).find((output) => result.metafile.outputs[output].entryPoint === 'cli/main.ts');
const heavy = inputsLoadedAtStart(result.metafile, entry).filter((input) => notForHelp.some((pattern) => pattern.test(input)));
if (heavy.length > 0) {
  console.error(
    `The command line's first chunk loads ${heavy.slice(0, 8).join(', ')}${heavy.length > 8 ? ` and ${heavy.length - 8} more` : ''}.\n` +
      'Import these inside the command that needs them (await import(...)), so that notify-desk --help stays fast.',
  );
  process.exit(1);
}
console.log('Built out/cli/main.js');
