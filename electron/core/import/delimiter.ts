export type Delimiter = ',' | ';' | '\t';

const candidates: readonly Delimiter[] = [',', ';', '\t'];

/**
 * Picks the separator from the start of the file: the one found most often, outside quotes, on each of the first
 * lines (Excel in much of Europe writes semicolons; "Unicode text" and .tsv files use tabs).
 */
export function sniffDelimiter(text: string, extension: string): Delimiter {
  if (extension === 'tsv') return '\t';
  const lines = splitRecords(text, 20);
  if (lines.length === 0) return ',';
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of candidates) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistent = counts.filter((count) => count === header).length;
    const score = header * 1000 + consistent;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** The first records of the text, keeping quoted line breaks inside their record. */
function splitRecords(text: string, limit: number): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let index = 0; index < text.length && records.length < limit; index += 1) {
    const character = text[index];
    if (character === '"') quoted = !quoted;
    else if (character === '\n' && !quoted) {
      const record = text.slice(start, index).replace(/\r$/, '');
      if (record.trim() !== '') records.push(record);
      start = index + 1;
    }
  }
  if (records.length === 0 && text.trim() !== '') records.push(text);
  return records;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const character of line) {
    if (character === '"') quoted = !quoted;
    else if (character === delimiter && !quoted) count += 1;
  }
  return count;
}
