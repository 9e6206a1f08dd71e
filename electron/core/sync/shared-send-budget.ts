import type { Db } from '../database/open-database';
import { SendPacer, type PacerState } from './send-pacer';

interface BudgetRow {
  tokens: number;
  refilled_at_ms: number;
  slowdown: number;
  slowed_at_ms: number | null;
}

/** Budgets of services no process has sent through for this long are forgotten. */
const FORGET_AFTER_MS = 86_400_000;

/**
 * The service's rate limit as one budget for every process on the data folder: a SendPacer whose bucket lives in
 * the database and is changed only inside IMMEDIATE transactions, so processes sending side by side together stay
 * under the limit (each with a pacer of its own would together go over it).
 */
export class SharedSendBudget {
  private key = '';
  private ratePerMinute = 3000;

  constructor(
    private readonly db: Db,
    private readonly options: { pacing?: number },
  ) {}

  /** The budget of the service sent through now: Notify keeps one bucket per service. */
  use(budgetKey: string, ratePerMinute: number): void {
    this.ratePerMinute = ratePerMinute;
    if (budgetKey === this.key) return;
    this.key = budgetKey;
    this.db
      .prepare('DELETE FROM send_budgets WHERE refilled_at_ms < ? AND budget_key <> ?')
      .run(Date.now() - FORGET_AFTER_MS, budgetKey);
  }

  /**
   * In one transaction: as many sends as the budget allows now (at most `limit`) are claimed by `claim` and paid
   * for by their cost. With none allowed, says how long until one is.
   */
  spend<T>(limit: number, claim: (allowed: number) => T[], cost: (item: T) => number): { items: T[]; waitMs: number } {
    return this.db
      .transaction(() => {
        const pacer = this.load();
        const allowed = Math.min(pacer.available(), limit);
        if (allowed < 1) return { items: [], waitMs: Math.max(pacer.msUntilAvailable(), 1) };
        const items = claim(allowed);
        if (items.length > 0) {
          pacer.take(items.reduce((total, item) => total + cost(item), 0));
          this.save(pacer.state());
        }
        return { items, waitMs: 0 };
      })
      .immediate();
  }

  /** Gives back what was paid for sends that did not happen. */
  refund(tokens: number): void {
    this.change((pacer) => pacer.refund(tokens));
  }

  /** After Notify answered RateLimitError: every process on the folder slows down. */
  slowDown(): void {
    this.change((pacer) => pacer.slowDown());
  }

  /** A refund or slow-down is a pacing hint: one the database could not take (busy past its timeout) is dropped. */
  private change(apply: (pacer: SendPacer) => void): void {
    try {
      this.db
        .transaction(() => {
          const pacer = this.load();
          apply(pacer);
          this.save(pacer.state());
        })
        .immediate();
    } catch {
      // The next send still waits for the budget; at worst Notify answers 429 and the pace halves then.
    }
  }

  private load(): SendPacer {
    const row = this.db
      .prepare('SELECT tokens, refilled_at_ms, slowdown, slowed_at_ms FROM send_budgets WHERE budget_key = ?')
      .get(this.key) as BudgetRow | undefined;
    const state: PacerState | undefined = row && {
      tokens: row.tokens,
      refilledAtMs: row.refilled_at_ms,
      slowdownFactor: row.slowdown,
      slowedAtMs: row.slowed_at_ms,
    };
    return new SendPacer(this.ratePerMinute, this.options, state);
  }

  private save(state: PacerState): void {
    this.db
      .prepare(
        `INSERT INTO send_budgets (budget_key, tokens, refilled_at_ms, slowdown, slowed_at_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (budget_key) DO UPDATE SET tokens = excluded.tokens, refilled_at_ms = excluded.refilled_at_ms,
           slowdown = excluded.slowdown, slowed_at_ms = excluded.slowed_at_ms`,
      )
      .run(this.key, state.tokens, state.refilledAtMs, state.slowdownFactor, state.slowedAtMs);
  }
}
