import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { UserError } from '../user-error';
import { policyFileSchema, type PolicyFile } from './policy-schema';

/** The environment variable naming a policy file where the machine has none (tests, a trial). */
export const POLICY_ENVIRONMENT_VARIABLE = 'NOTIFY_DESK_POLICY';

/** A policy file as it was read when the desk started. */
export interface LoadedPolicy {
  path: string;
  /** SHA-256 of the file's bytes, hex: what the audit trail records. */
  sha256: string;
  file: PolicyFile;
}

/** A policy file that cannot be used: the desk does not start (never "everyone may do everything" instead). */
export class PolicyFileError extends UserError {
  constructor(message: string) {
    super(message, 'policy-file-invalid');
    this.name = 'PolicyFileError';
  }
}

/** Where IT puts the policy file on each operating system: machine-wide, writable by administrators only. */
export function machinePolicyPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32')
    return join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'notify-desk', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/notify-desk/policy.json';
  return '/etc/notify-desk/policy.json';
}

/**
 * The policy file to obey: the machine's own whenever there is one, so that a person cannot name another in the
 * environment to escape it; otherwise the one NOTIFY_DESK_POLICY names; otherwise none (the desk is single-user).
 */
export function findPolicyFile(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const machine = machinePolicyPath(platform, env);
  if (existsSync(machine)) return machine;
  const named = env[POLICY_ENVIRONMENT_VARIABLE]?.trim();
  if (!named) return null;
  if (!existsSync(named)) {
    throw new PolicyFileError(
      `${POLICY_ENVIRONMENT_VARIABLE} names the policy file ${named}, which does not exist. notify-desk does not start without the policy it was told to obey: correct the name, or remove ${POLICY_ENVIRONMENT_VARIABLE}.`,
    );
  }
  return named;
}

/** jsonc-parser's error names, in words. */
const syntaxWords: Record<string, string> = {
  InvalidSymbol: 'there is something here that JSON does not allow',
  PropertyNameExpected: 'a name in double quotes is missing (is there a comma too many?)',
  ValueExpected: 'a value is missing (is there a comma too many?)',
  ColonExpected: 'a colon is missing after a name',
  CommaExpected: 'a comma is missing',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  EndOfFileExpected: 'there is more after the end of the policy',
  InvalidCommentToken: 'JSON does not allow comments',
  UnexpectedEndOfString: 'a text is not closed with a double quote',
  InvalidEscapeCharacter: 'a backslash must be doubled in JSON (write DOMAIN\\\\name)',
};

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** The node at a zod issue's path, or the nearest one that exists (a missing field's object). */
function nodeFor(tree: Node | undefined, path: readonly PropertyKey[]): Node | undefined {
  if (!tree) return undefined;
  const segments = path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  for (let length = segments.length; length >= 0; length -= 1) {
    const node = findNodeAtLocation(tree, segments.slice(0, length));
    // A property's value: point at the line that names it.
    if (node) return node.parent?.type === 'property' ? node.parent : node;
  }
  return tree;
}

/** A JSON value of the kind a setting takes, as IT would write it. */
const expectedWords: Partial<Record<string, string>> = {
  boolean: 'true or false (no quotes)',
  number: 'a number',
  string: 'text in double quotes',
  array: 'a list in [ ]',
  object: 'an object in { }',
  record: 'an object in { }',
};

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return `${names} ${issue.keys.length === 1 ? 'is not a setting' : 'are not settings'} the policy file can have (docs/policy.md lists them)`;
  }
  const field = issue.path.map(String).join(' › ');
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `"${field}" is missing`;
    return `${field}: use ${expectedWords[issue.expected] ?? 'another kind of value'}, as docs/policy.md shows`;
  }
  return field && !issue.message.startsWith(`${field}:`) ? `${field}: ${issue.message}` : issue.message;
}

/** Reads and checks a policy file: any problem is a PolicyFileError naming the file, the line and the reason. */
export function readPolicyFile(path: string): LoadedPolicy {
  const invalid = (line: number | null, reason: string) =>
    new PolicyFileError(
      `The policy file ${path} is not valid${line === null ? '' : `, line ${line}`}: ${reason.replace(/\.$/, '')}. notify-desk does not start until IT corrects it.`,
    );
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PolicyFileError(
      `The policy file ${path} cannot be read (${code === 'EACCES' || code === 'EPERM' ? 'this account is not allowed to read it' : (code ?? 'unknown reason')}). notify-desk does not start until IT makes it readable.`,
    );
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const first = errors[0];
    throw invalid(
      first ? lineAt(text, first.offset) : null,
      first ? (syntaxWords[printParseErrorCode(first.error)] ?? 'this is not valid JSON') : 'it is not valid JSON',
    );
  }
  const parsed = policyFileSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keyPath = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const node = nodeFor(tree, keyPath);
    throw invalid(node ? lineAt(text, node.offset) : null, issueText(issue));
  }
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), file: parsed.data };
}

/** The policy the desk obeys, or null where there is none. */
export function loadPolicy(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): LoadedPolicy | null {
  const path = findPolicyFile(platform, env);
  return path === null ? null : readPolicyFile(path);
}
