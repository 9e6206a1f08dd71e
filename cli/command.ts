import type { Core } from '../electron/core/create-core';

/** What every command gets: the global options and the way to open the core on the data folder. */
export interface CliEnvironment {
  dataDir: string;
  json: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Opens the database (and the keychain) of the data folder; closed by the command runner afterwards. */
  openCore(options?: { sync?: boolean }): Promise<Core>;
  /** Resolves when the user asks the process to stop (Ctrl+C, SIGTERM). */
  stopRequested: Promise<void>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Whole command lines a person can copy, at least one; `--help` shows them. */
  examples: readonly string[];
  /** Returns the exit code. Throw `UsageError` for bad arguments, `UserError` for everything else a user can fix. */
  run(args: string[], env: CliEnvironment): Promise<number>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
