import { UsageError, type CliCommand, type CliEnvironment } from './command';
import { commands } from './commands';
import type { Core } from '../electron/core/create-core';
import { resolveDataDir } from '../electron/core/data-dir';
import { APP_VERSION } from '../electron/core/app-version';
import { tolerateClosedOutput } from './output-streams';
import { asksForHelp, parseOptions } from './parse-options';

// `--help` and argument errors load none of the core: it is imported when a command opens it (scripts/build-cli.mjs
// refuses a build whose first chunk contains it).

const usage = (list: readonly CliCommand[]) =>
  [
    'Usage: notify-desk [--data-dir DIR] [--json] <command> [options]',
    "       notify-desk <command> --help     the command's options and examples",
    '       notify-desk --version',
    '',
    'Commands:',
    ...list.flatMap((command) => [
      `  ${command.usage}`,
      `      ${command.summary}`,
      `      For example: notify-desk ${command.examples[0] ?? command.name}`,
    ]),
    '',
    'Times such as --send-at "tomorrow 9am" or "2026-12-05 09:00" are UK time (Europe/London).',
  ].join('\n');

const commandHelp = (command: CliCommand) =>
  [
    `Usage: notify-desk ${command.usage}`,
    '',
    command.summary,
    '',
    'For example:',
    ...command.examples.map((example) => `  notify-desk ${example}`),
  ].join('\n');

/** Global options come before the command; `--json` may also come after it. */
function splitGlobalOptions(argv: string[]): { global: string[]; commandName: string | undefined; rest: string[] } {
  const withoutJson = argv.filter((arg) => arg !== '--json');
  const global: string[] = withoutJson.length < argv.length ? ['--json'] : [];
  let index = 0;
  for (;;) {
    const arg = withoutJson[index];
    if (arg === '--help' || arg === '-h' || arg === '--version' || arg === '-V' || arg?.startsWith('--data-dir=')) {
      global.push(arg);
      index += 1;
    } else if (arg === '--data-dir') {
      global.push(arg, withoutJson[index + 1] ?? '');
      index += 2;
    } else break;
  }
  return { global, commandName: withoutJson[index], rest: withoutJson.slice(index + 1) };
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Runs one command and returns the exit code: never a stack trace, always a one-line reason. */
export async function main(argv: string[]): Promise<number> {
  tolerateClosedOutput();
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const err = (text: string) => process.stderr.write(`${text}\n`);
  const opened: Core[] = [];
  try {
    const { global, commandName, rest } = splitGlobalOptions(argv);
    const { values } = parseOptions(global, {
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
    });
    if (values.version) {
      out(`notify-desk ${APP_VERSION}`);
      return 0;
    }
    if (values.help || !commandName || commandName === 'help') {
      out(usage(commands));
      return commandName || values.help ? 0 : 2;
    }
    const command = commands.find((candidate) => candidate.name === commandName);
    if (!command) throw new UsageError(`Unknown command "${commandName}". Run notify-desk --help for the list.`);
    if (asksForHelp(rest)) {
      out(commandHelp(command));
      return 0;
    }
    const dataDir = resolveDataDir(values['data-dir']);
    const env: CliEnvironment = {
      dataDir,
      json: values.json === true,
      out,
      err,
      stopRequested: stopSignal(),
      openCore: async (options) => {
        const { createCore } = await import('../electron/core/create-core');
        const core = await createCore({ dataDir, sync: options?.sync ?? false });
        opened.push(core);
        return core;
      },
    };
    return await command.run(rest, env);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`notify-desk: ${error.message}`);
      return 2;
    }
    const { toUserError } = await import('../electron/core/dispatch');
    const message = toUserError('cli', error, { info: () => {}, error: () => {} }).message;
    err(`notify-desk: ${message}`);
    return 1;
  } finally {
    for (const core of opened) await core.close();
  }
}
