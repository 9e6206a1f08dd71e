import { startSimulator } from './index';
import { REQUEST_KINDS, type RequestKind } from './request-latency';
import { readSimulatorSeedFile, SeedError } from './seed-file';
import type { DailyLimitType, SimulatorOptions } from './types';

const USAGE =
  'usage: simulator [--port N] [--fail-rate R] [--latency-ms N] [--rate-limit PER_MINUTE] [--deliver-after-ms N] ' +
  '[--reset-rate R] [--daily-limit-sms N] [--daily-limit-email N] [--daily-limit-letter N] ' +
  '[--daily-limit-international-sms N] [--trial-mode] [--seed FILE] [--request-latency KIND=MS ...] [--control-key KEY] [--quiet]';

class ArgumentError extends Error {}

type NumberKind = 'port' | 'fraction' | 'non-negative' | 'positive';

function parseNumber(flag: string, raw: string | undefined, kind: NumberKind): number {
  if (raw === undefined || raw.trim() === '') throw new ArgumentError(`${flag} needs a value`);
  const value = Number(raw);
  const valid =
    Number.isFinite(value) &&
    (kind === 'fraction'
      ? value >= 0 && value <= 1
      : kind === 'port'
        ? Number.isInteger(value) && value >= 0 && value <= 65_535
        : kind === 'positive'
          ? value > 0
          : value >= 0);
  if (!valid) {
    const expected = {
      port: 'a port from 0 to 65535',
      fraction: 'a number from 0 to 1',
      'non-negative': 'a number of 0 or more',
      positive: 'a number above 0',
    }[kind];
    throw new ArgumentError(`${flag} must be ${expected}, not "${raw}"`);
  }
  return value;
}

const DAILY_LIMIT_FLAGS: Record<string, DailyLimitType> = {
  '--daily-limit-sms': 'sms',
  '--daily-limit-email': 'email',
  '--daily-limit-letter': 'letter',
  '--daily-limit-international-sms': 'international_sms',
};

function parseRequestLatency(raw: string | undefined): [RequestKind[], number] {
  const [kind, ms] = (raw ?? '').split('=');
  const kinds: RequestKind[] | undefined =
    kind === 'all'
      ? [...REQUEST_KINDS]
      : REQUEST_KINDS.includes(kind as RequestKind)
        ? [kind as RequestKind]
        : undefined;
  if (!kinds || ms === undefined) {
    throw new ArgumentError(
      `--request-latency needs KIND=MS with KIND one of all, ${REQUEST_KINDS.join(', ')}, not "${raw ?? ''}"`,
    );
  }
  return [kinds, parseNumber('--request-latency', ms, 'non-negative')];
}

function readSeed(path: string | undefined): NonNullable<SimulatorOptions['seed']> {
  if (path === undefined || path.trim() === '') throw new ArgumentError('--seed needs a file');
  try {
    return readSimulatorSeedFile(path);
  } catch (error) {
    if (error instanceof SeedError) throw new ArgumentError(`--seed ${path}: ${error.message}`);
    throw error;
  }
}

export function parseSimulatorArguments(argv: readonly string[]): SimulatorOptions {
  const options: SimulatorOptions = {};
  const dailyLimits: Partial<Record<DailyLimitType, number>> = {};
  const requestLatencyMs: Partial<Record<RequestKind, number>> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [flag, inlineValue] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inlineValue ?? argv[++index];
    switch (flag) {
      case '--port':
        options.port = parseNumber(flag, value(), 'port');
        break;
      case '--fail-rate':
        options.failRate = parseNumber(flag, value(), 'fraction');
        break;
      case '--reset-rate':
        options.resetRate = parseNumber(flag, value(), 'fraction');
        break;
      case '--latency-ms':
        options.latencyMs = parseNumber(flag, value(), 'non-negative');
        break;
      case '--rate-limit':
        options.rateLimitPerMinute = parseNumber(flag, value(), 'positive');
        break;
      case '--deliver-after-ms':
        options.deliverAfterMs = parseNumber(flag, value(), 'non-negative');
        break;
      case '--trial-mode':
        options.trialMode = true;
        break;
      case '--quiet':
        options.quiet = true;
        break;
      case '--seed':
        options.seed = readSeed(value());
        break;
      case '--control-key': {
        const key = value();
        if (key === undefined || !/^[\x21-\x7e]{16,}$/.test(key)) {
          throw new ArgumentError('--control-key needs at least 16 printable characters, no spaces');
        }
        options.controlKey = key;
        break;
      }
      case '--request-latency': {
        const [kinds, ms] = parseRequestLatency(value());
        for (const kind of kinds) requestLatencyMs[kind] = ms;
        break;
      }
      default: {
        const limitType = DAILY_LIMIT_FLAGS[flag];
        if (!limitType) throw new ArgumentError(`unknown argument "${arg}"`);
        dailyLimits[limitType] = parseNumber(flag, value(), 'non-negative');
      }
    }
  }
  if (Object.keys(dailyLimits).length > 0) options.dailyLimits = dailyLimits;
  if (Object.keys(requestLatencyMs).length > 0) options.requestLatencyMs = requestLatencyMs;
  return options;
}

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * `notify-desk simulator`: starts the simulator on 127.0.0.1, prints one JSON line
 * ({"url", "apiKeys": {"live", "team", "test"}, "controlKey"}) once listening, and resolves after SIGTERM/SIGINT closed it.
 * Bad arguments: one line on stderr and exit code 2.
 */
export async function runSimulatorCommand(argv: string[]): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseSimulatorArguments(argv);
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    process.stderr.write(`simulator: ${error.message} (${USAGE})\n`);
    process.exit(2);
  }
  const stopped = stopSignal();
  let simulator;
  try {
    simulator = await startSimulator(options);
  } catch (error) {
    process.stderr.write(`simulator: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `${JSON.stringify({ url: simulator.url, apiKeys: simulator.apiKeys, controlKey: simulator.controlKey })}\n`,
  );
  await stopped;
  await simulator.close();
}
