import type { Db } from '../database/open-database';
import type { DeskPolicy } from '../policy/desk-policy';
import { appendAuditEntry } from './audit-trail';

/**
 * Records the policy in force when it differs from the last one recorded: a first policy file, a changed one (by
 * its SHA-256), or none any more. Every start would otherwise add an entry for each command run.
 */
export function recordPolicyInForce(db: Db, actor: string, policy: DeskPolicy): void {
  const last = db
    .prepare(
      `SELECT action, detail FROM audit_entries WHERE action IN ('policy.loaded', 'policy.removed') ORDER BY seq DESC LIMIT 1`,
    )
    .get() as { action: string; detail: string } | undefined;
  const lastHash = last?.action === 'policy.loaded' ? (JSON.parse(last.detail) as { sha256?: string }).sha256 : null;
  if (policy.source) {
    if (lastHash !== policy.source.sha256)
      appendAuditEntry(db, actor, 'policy.loaded', { path: policy.source.path, sha256: policy.source.sha256 });
  } else if (lastHash) {
    appendAuditEntry(db, actor, 'policy.removed', {});
  }
}
