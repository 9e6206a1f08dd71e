import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

/** The most of any one text (a message, a stack) an entry keeps: enough to find the fault, never megabytes of it. */
const MAX_LOGGED_TEXT = 2_000;

const bounded = (text: string): string => (text.length > MAX_LOGGED_TEXT ? `${text.slice(0, MAX_LOGGED_TEXT)}…` : text);

function boundedDetail(detail: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!detail) return {};
  return Object.fromEntries(
    Object.entries(detail).map(([key, value]) => [key, typeof value === 'string' ? bounded(value) : value]),
  );
}

/** One JSON line per entry. Callers never pass secrets; `redact` is the last line of defence. */
export function fileLogger(file: string, redact: (text: string) => string = (text) => text): Logger {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const write = (level: string, message: string, detail?: Record<string, unknown>) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, message: bounded(message), ...boundedDetail(detail) });
    try {
      appendFileSync(file, `${redact(line)}\n`, { mode: 0o600 });
    } catch {
      // A full disk must not stop sending; the outbox in SQLite is the record that matters.
    }
  };
  return { info: (message, detail) => write('info', message, detail), error: (message, detail) => write('error', message, detail) };
}
