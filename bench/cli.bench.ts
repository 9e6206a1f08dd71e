// How long the command line takes to start: `notify-desk --help` (no core) and `notify-desk template list` (opens the
// database, lists 20 templates), against `node -e 0` in the same run. Runs the built code, built first from the
// sources. Target: at most 300 ms each (the median).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'notify-desk.mjs');
const rounds = Number(process.env.CLI_BENCH_ROUNDS ?? 20);
const targetMs = 300;

function run(args: string[], extraNodeArgs: string[] = []): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...extraNodeArgs, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NOTIFY_DESK_KEYCHAIN_SERVICE: 'notify-desk-bench' },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const dataDir = mkdtempSync(join(tmpdir(), 'notify-desk-cli-bench-'));
try {
  for (let index = 0; index < 20; index += 1) {
    run([
      cli,
      '--data-dir',
      dataDir,
      'template',
      'add',
      '--type',
      'sms',
      '--name',
      `Reminder ${index}`,
      '--body',
      'Hello ((name)), see you on ((date)).',
    ]);
  }
  const cases = {
    'node -e 0': ['-e', '0'],
    'notify-desk --help': [cli, '--help'],
    'notify-desk template list': [cli, '--data-dir', dataDir, 'template', 'list'],
  } as const;
  const times: Record<keyof typeof cases, number[]> = {
    'node -e 0': [],
    'notify-desk --help': [],
    'notify-desk template list': [],
  };
  const names = Object.keys(cases) as (keyof typeof cases)[];
  for (const name of names) run([...cases[name]]); // warm the file cache
  // Interleaved, so that a busy moment on the machine falls on every case alike.
  for (let round = 0; round < rounds; round += 1) for (const name of names) times[name].push(run([...cases[name]]).ms);
  const listed = run([...cases['notify-desk template list']])
    .stdout.split('\n')
    .filter((line) => line.includes('Reminder '));
  if (listed.length !== 20) throw new Error('template list did not list the 20 templates');

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const best = (values: number[]) => Math.min(...values);
  const baseline = median(times['node -e 0']);
  // CPU time (all threads) and peak memory, reported by the process itself as it exits: CPU time moves less than wall
  // time when other work shares the machine.
  const reporter =
    'data:text/javascript,process.on("exit",()=>{const c=process.cpuUsage();process.stdout.write("\\ncpu="+(c.user+c.system)+" maxRSS="+process.resourceUsage().maxRSS)})';
  const usage = (args: readonly string[]) => {
    const samples = Array.from({ length: 5 }, () => run([...args], ['--import', reporter]).stdout);
    const numbers = (pattern: RegExp) => samples.map((stdout) => Number(pattern.exec(stdout)?.[1] ?? 0));
    return { cpuMs: median(numbers(/cpu=(\d+)/)) / 1000, peakMb: Math.max(...numbers(/maxRSS=(\d+)/)) / 1024 };
  };

  console.log(
    `${rounds} rounds each, interleaved: median (best) wall time of the whole process; median CPU time; peak memory`,
  );
  const figures: Record<
    string,
    { medianMs: number; bestMs: number; ratioToNode: number; cpuMs: number; peakMb: number }
  > = {};
  for (const name of names) {
    const { cpuMs, peakMb } = usage(cases[name]);
    const figure = {
      medianMs: Math.round(median(times[name])),
      bestMs: Math.round(best(times[name])),
      ratioToNode: Number((median(times[name]) / baseline).toFixed(2)),
      cpuMs: Math.round(cpuMs),
      peakMb: Math.round(peakMb),
    };
    figures[name] = figure;
    const verdict =
      name === 'node -e 0'
        ? '(baseline)'
        : figure.medianMs <= targetMs
          ? `(target ≤ ${targetMs} ms: met)`
          : `(target ≤ ${targetMs} ms: MISSED)`;
    console.log(
      `${name.padEnd(28)} ${String(figure.medianMs).padStart(4)} ms (${figure.bestMs} ms)  ${figure.ratioToNode.toFixed(2)}x node -e 0  CPU ${figure.cpuMs} ms  peak ${figure.peakMb} MB  ${verdict}`,
    );
  }
  console.log(
    JSON.stringify({
      rounds,
      nodeMs: figures['node -e 0']!.medianMs,
      helpMs: figures['notify-desk --help']!.medianMs,
      helpRatio: figures['notify-desk --help']!.ratioToNode,
      templateListMs: figures['notify-desk template list']!.medianMs,
      templateListRatio: figures['notify-desk template list']!.ratioToNode,
      nodeCpuMs: figures['node -e 0']!.cpuMs,
      helpCpuMs: figures['notify-desk --help']!.cpuMs,
      templateListCpuMs: figures['notify-desk template list']!.cpuMs,
      helpPeakMb: figures['notify-desk --help']!.peakMb,
      templateListPeakMb: figures['notify-desk template list']!.peakMb,
    }),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
