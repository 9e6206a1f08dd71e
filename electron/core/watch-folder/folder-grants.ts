import { randomBytes } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../dispatch';
import { folderProblem } from './watch-folder-runner';

/** How long the page has to save a watch folder after the desktop's dialog chose it. */
const GRANT_LIFETIME_MS = 15 * 60_000;

/**
 * Folders the desktop app's own dialog chose (in the main process), each behind an opaque token the page saves the
 * watch folder with, once: the page never names a folder itself.
 */
export class FolderGrants {
  private readonly grants = new Map<string, { folder: string; expiresAtMs: number }>();

  grant(path: string): { folderToken: string; folder: string } {
    if (!isAbsolute(path)) throw new UserError('Choose the folder with the folder dialog.', 'not-a-folder');
    const folder = resolve(path);
    const problem = folderProblem(folder);
    if (problem) throw new UserError(problem, 'not-a-folder');
    const now = Date.now();
    for (const [token, grant] of this.grants) if (grant.expiresAtMs <= now) this.grants.delete(token);
    const folderToken = randomBytes(24).toString('base64url');
    this.grants.set(folderToken, { folder, expiresAtMs: now + GRANT_LIFETIME_MS });
    return { folderToken, folder };
  }

  /** The folder behind a token, which is used up. */
  redeem(folderToken: string): string {
    const grant = this.grants.get(folderToken);
    this.grants.delete(folderToken);
    if (!grant || grant.expiresAtMs <= Date.now())
      throw new UserError('Choose the folder again: the choice was not saved in time.', 'folder-choice-expired');
    return grant.folder;
  }
}
