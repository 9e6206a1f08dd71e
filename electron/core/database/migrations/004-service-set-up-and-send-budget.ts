import type { Migration } from '../migration';

/**
 * - `services.templates_checked_at`: when the service's templates were last looked up (its pass-through templates found
 *   and its own templates mirrored). NULL for a service saved while Notify could not be reached: the desk completes it
 *   when Notify answers. A service whose key was accepted had its templates looked up when it was saved.
 * - `outbox_messages.held_for`: why a message needing attention is held, when the desk can see that cause go away
 *   by itself (`pass-through-template`: the service had no pass-through template for its channel). Messages earlier
 *   versions set aside for that reason are marked here, so they are released on start.
 * - `send_budgets`: the token bucket that paces sends to a service's rate limit, shared by every process on the folder.
 */
export const serviceSetUpAndSendBudget: Migration = {
  version: 4,
  description:
    'when a service’s templates were looked up; why a message is held; one send budget per service for all processes',
  up(db) {
    db.exec(`
      ALTER TABLE services ADD COLUMN templates_checked_at TEXT;
      UPDATE services SET templates_checked_at = created_at WHERE key_status = 'ok';

      ALTER TABLE outbox_messages ADD COLUMN held_for TEXT;
      UPDATE outbox_messages SET held_for = 'pass-through-template'
        WHERE state = 'needs-attention'
          AND last_error LIKE 'This % uses a template written on the desk, which is sent through a Notify template whose content is%';

      CREATE TABLE send_budgets (
        budget_key TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        refilled_at_ms REAL NOT NULL,
        -- Below 1 after Notify answered RateLimitError: the fraction of the pace sends are held to, climbing back.
        slowdown REAL NOT NULL,
        slowed_at_ms REAL
      ) STRICT;
    `);
  },
};
