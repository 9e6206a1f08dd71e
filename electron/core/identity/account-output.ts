// Reading what the operating system's own tools say about the person's account and groups. Pure functions, so that
// each platform's output can be tested on any platform.
import { parse } from 'csv-parse/sync';

/** `id -Gn` and `id -G` together: names and ids in the same order. Null when a name holds a space (the lists then differ in length). */
export function pairIdGroups(namesOutput: string, idsOutput: string): string[] | null {
  const names = namesOutput.trim().split(/\s+/).filter(Boolean);
  const ids = idsOutput.trim().split(/\s+/).filter(Boolean);
  return names.length === ids.length ? names : null;
}

/** The gids of `id -G`. */
export function parseGroupIds(idsOutput: string): string[] {
  return idsOutput
    .trim()
    .split(/\s+/)
    .filter((id) => /^\d+$/.test(id));
}

/** A group's name from `getent group GID` (`name:x:gid:members`). */
export function parseGetentGroup(output: string): string | null {
  const line = output.split('\n').find((candidate) => candidate.includes(':'));
  const name = line?.split(':')[0]?.trim();
  return name ? name : null;
}

/** A group's name from macOS's `dscacheutil -q group -a gid GID` (`name: staff` among other lines). */
export function parseDscacheutilGroup(output: string): string | null {
  const name = output.match(/^name:\s*(.+?)\s*$/m)?.[1];
  return name ? name : null;
}

const readCsv = (output: string): string[][] =>
  parse(output.replace(/^\uFEFF/, ''), { relaxColumnCount: true, skipEmptyLines: true, trim: true });

/** The account of `whoami /user /fo csv /nh`: `"contoso\mbrown","S-1-5-21-…"`. */
export function parseWhoamiUser(output: string): string | null {
  const name = readCsv(output)[0]?.[0];
  return name ? name : null;
}

/**
 * The groups of `whoami /groups /fo csv /nh` (`"Group Name","Type","SID","Attributes"`): those the token uses to
 * allow access. A group "used for deny only" never grants anything, and labels (mandatory levels) are not groups.
 */
export function parseWhoamiGroups(output: string): string[] {
  return readCsv(output)
    .filter(
      ([name, type, , attributes = '']) =>
        name && type !== 'Label' && !/deny only/i.test(attributes) && /enabled group/i.test(attributes),
    )
    .map(([name]) => name as string);
}
