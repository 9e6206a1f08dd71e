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

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const redactions: readonly [RegExp, string | ((match: string) => string)][] = [
  // A Notify API key: its name, the service id and the secret.
  [new RegExp(`[A-Za-z0-9_.-]*${UUID}-${UUID}`, 'gi'), '[API key]'],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[token]'],
  [/\b(Bearer|Basic)\s+[^\s"]+/gi, '$1 [token]'],
  // Web mode's codes and tokens, and any other long random string.
  [/\b[A-Za-z0-9_-]{40,}\b/g, '[secret]'],
  [/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi, '[email address]'],
  // Ten digits or more, written as people write phone numbers.
  [
    /(?<![\w-])\+?\(?\d[\d ().-]{8,}\d(?![\w-])/g,
    (match) => (match.replace(/\D/g, '').length >= 10 ? '[phone number]' : match),
  ],
];

/** Keys, tokens, email addresses and phone numbers out of a log line: what no caller should pass, caught if one does. */
export function redactLogText(text: string): string {
  return redactions.reduce((line, [pattern, replacement]) => line.replace(pattern, replacement as string), text);
}

/** One JSON line per entry. Callers never pass secrets or recipients; `redact` is the last line of defence. */
export function fileLogger(file: string, redact: (text: string) => string = redactLogText): Logger {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const write = (level: string, message: string, detail?: Record<string, unknown>) => {
    const line = JSON.stringify({
      at: new Date().toISOString(),
      level,
      message: bounded(message),
      ...boundedDetail(detail),
    });
    try {
      appendFileSync(file, `${redact(line)}\n`, { mode: 0o600 });
    } catch {
      // A full disk must not stop sending; the outbox in SQLite is the record that matters.
    }
  };
  return {
    info: (message, detail) => write('info', message, detail),
    error: (message, detail) => write('error', message, detail),
  };
}
