import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What node's parseArgs refused, said in the desk's words (never node's own). */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(/[ ,]/)[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${option} is not an option of this command. Add --help after the command to see the options it takes.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${option} needs a value after it (in quotes if it has spaces). Add --help after the command to see an example.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `“${quoted}” does not follow an option that takes it. Put each value straight after its option, in quotes if it has spaces.`;
    default:
      return 'Those options could not be read. Add --help after the command to see the options it takes.';
  }
}

/** node's parseArgs, with its errors turned into one-line usage errors. */
export function parseOptions<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

/** Whether the person asked for a command's help (`notify-desk send --help`). */
export const asksForHelp = (args: readonly string[]): boolean => args.includes('--help') || args.includes('-h');

/** `key=value` pairs, as given to `--set` and `--map`. */
export function parsePairs(pairs: readonly string[] | undefined, flag: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0)
      throw new UsageError(`${flag} takes NAME=VALUE, for example ${flag} "first name=Ann", not “${pair}”.`);
    values[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return values;
}
