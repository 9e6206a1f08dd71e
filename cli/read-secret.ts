import { createInterface } from 'node:readline';
import { UsageError } from './command';

/** The first non-empty line of standard input: how secrets reach the command line (never as an argument). */
export async function readSecretLine(flag: string, what: string): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim()) {
      lines.close();
      return line.trim();
    }
  }
  throw new UsageError(`${flag}: no ${what} was given on standard input`);
}
