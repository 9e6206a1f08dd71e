import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';

const root = fileURLToPath(new URL('../../', import.meta.url));
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
).devDependencies.electron!;

const allowListSchema = z.object({
  findings: z.array(
    z
      .object({
        scan: z.enum(['sources', 'built']),
        check: z.string(),
        file: z.string(),
        /** For a finding in a bundle, where anything may land: the text of the line it allows (a new finding there is not). */
        code: z.string().min(1).optional(),
        reason: z.string().min(40),
      })
      .strict(),
  ),
});
const sarifSchema = z.object({
  runs: z.array(
    z.object({
      invocations: z.array(z.object({ executionSuccessful: z.boolean() })),
      results: z.array(
        z.object({
          ruleId: z.string(),
          message: z.object({ text: z.string() }),
          locations: z.array(
            z.object({
              physicalLocation: z.object({
                artifactLocation: z.object({ uri: z.string() }),
                region: z.object({ startLine: z.number() }).optional(),
              }),
            }),
          ),
        }),
      ),
    }),
  ),
});

interface Finding {
  scan: 'sources' | 'built';
  check: string;
  file: string;
  line?: number;
  /** The text of the line the finding is on. */
  code?: string;
  message: string;
}

/**
 * Left out: it downloads Electron's release list from GitHub to ask whether the pinned version has security fixes
 * since, so its answer depends on the day and the network (docs/electron-security.md, item 16, says how to run it).
 */
const networkChecks = ['AvailableSecurityFixesGlobalCheck'];

/** Electronegativity on one folder: it exits 0 whatever it finds, so its SARIF report is read. */
function electronegativity(scan: Finding['scan'], input: string, report: string): Promise<Finding[]> {
  const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [cli, '-i', input, '-o', report, '-r', '-e', electronVersion, '-x', networkChecks.join(',')],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0 || !existsSync(report)) return reject(new Error(`electronegativity failed (${code}): ${stderr}`));
      const [run] = sarifSchema.parse(JSON.parse(readFileSync(report, 'utf8'))).runs;
      if (!run?.invocations.every((invocation) => invocation.executionSuccessful))
        return reject(new Error(`electronegativity did not finish: ${stderr}`));
      resolve(
        run.results.map((result) => {
          const location = result.locations[0]?.physicalLocation;
          const uri = location?.artifactLocation.uri ?? 'file:///';
          const file = uri === 'file:///' ? '(whole app)' : uri;
          const line = location?.region?.startLine;
          const code =
            line && file !== '(whole app)'
              ? readFileSync(join(input, file), 'utf8').split('\n')[line - 1]?.trim()
              : undefined;
          return { scan, check: result.ruleId, file, line, code, message: result.message.text };
        }),
      );
    });
  });
}

let folder: { path: string; remove(): void };
let findings: Finding[];

beforeAll(async () => {
  for (const built of ['out/electron/main.cjs', 'renderer/dist/index.html']) {
    if (!existsSync(join(root, built)))
      throw new Error(`${built} is missing: run npm run build first (npm test does).`);
  }
  folder = makeTempDir('notify-desk-electronegativity-');
  // The desktop app's sources: its three processes and the page.
  const sources = join(folder.path, 'sources');
  cpSync(join(root, 'electron'), join(sources, 'electron'), { recursive: true });
  cpSync(join(root, 'renderer', 'src'), join(sources, 'renderer', 'src'), { recursive: true });
  cpSync(join(root, 'renderer', 'index.html'), join(sources, 'renderer', 'index.html'));
  // What the package holds. Electronegativity reads only .js, .ts and .html files, so the .cjs bundles go in as .js.
  const built = join(folder.path, 'built');
  mkdirSync(join(built, 'out', 'electron'), { recursive: true });
  for (const bundle of readdirSync(join(root, 'out', 'electron')).filter((name) => name.endsWith('.cjs'))) {
    cpSync(join(root, 'out', 'electron', bundle), join(built, 'out', 'electron', bundle.replace(/\.cjs$/, '.js')));
  }
  cpSync(join(root, 'renderer', 'dist'), join(built, 'renderer', 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(built, 'package.json'));
  const scans = await Promise.all([
    electronegativity('sources', sources, join(folder.path, 'sources.sarif')),
    electronegativity('built', built, join(folder.path, 'built.sarif')),
  ]);
  findings = scans.flat();
}, 180_000);

afterAll(() => folder?.remove());

describe('Electronegativity on the desktop app, sources and build', () => {
  const allowList = allowListSchema.parse(
    JSON.parse(readFileSync(join(root, 'docs', 'electronegativity-allowlist.json'), 'utf8')),
  ).findings;
  const matches = (entry: (typeof allowList)[number], finding: Finding) =>
    entry.scan === finding.scan &&
    entry.check === finding.check &&
    entry.file === finding.file &&
    (entry.code === undefined || entry.code === finding.code);
  const allowed = (finding: Finding) => allowList.some((entry) => matches(entry, finding));

  it('finds nothing that docs/electronegativity-allowlist.json does not give a reason for', () => {
    const unexplained = findings
      .filter((finding) => !allowed(finding))
      .map(
        ({ scan, check, file, line, message }) => `${scan}: ${check} at ${file}${line ? `:${line}` : ''} (${message})`,
      );
    expect(unexplained).toEqual([]);
  });

  it('still finds everything the allow list explains (an entry nothing matches is removed)', () => {
    const stale = allowList.filter((entry) => !findings.some((finding) => matches(entry, finding)));
    expect(stale).toEqual([]);
  });
});
