import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

/** One JSON line per entry. Callers never pass secrets; `redact` is the last line of defence. */
export function fileLogger(file: string, redact: (text: string) => string = (text) => text): Logger {
  mkdirSync(dirname(file), { recursive: true });
  const write = (level: string, message: string, detail?: Record<string, unknown>) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...detail });
    try {
      appendFileSync(file, `${redact(line)}\n`);
    } catch {
      // A full disk must not stop sending; the outbox in SQLite is the record that matters.
    }
  };
  return { info: (message, detail) => write('info', message, detail), error: (message, detail) => write('error', message, detail) };
}
