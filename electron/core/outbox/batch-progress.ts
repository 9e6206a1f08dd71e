import type { OutboxBatchProgress } from '../../../shared/contract';
import type { Db } from '../database/open-database';

interface BatchProgressRow {
  id: string;
  file_name: string;
  imported_by: string;
  created_at: string;
  send_after: string;
  paused: number;
  total: number;
  waiting: number;
  sending: number;
  accepted: number;
  delivered: number;
  failed: number;
  cancelled: number;
  in_post_room: number;
  posted: number;
}

/** One grouped query for every listed batch; the `outbox_messages_batch (batch_id, state)` index covers it. */
export const batchProgressSql = `SELECT b.id, b.file_name, b.imported_by, b.created_at, b.send_after, b.paused,
         COUNT(m.state) AS total,
         COALESCE(SUM(m.state IN ('scheduled', 'queued')), 0) AS waiting,
         COALESCE(SUM(m.state = 'sending'), 0) AS sending,
         COALESCE(SUM(m.state = 'accepted'), 0) AS accepted,
         COALESCE(SUM(m.state = 'delivered'), 0) AS delivered,
         COALESCE(SUM(m.state IN ('permanent-failure', 'temporary-failure', 'technical-failure', 'rejected',
           'needs-attention', 'status-unknown', 'outcome-unknown')), 0) AS failed,
         COALESCE(SUM(m.state = 'cancelled'), 0) AS cancelled,
         COALESCE(SUM(m.state IN ('waiting-to-print', 'printed')), 0) AS in_post_room,
         COALESCE(SUM(m.state = 'posted'), 0) AS posted
       FROM (SELECT * FROM batches WHERE status = 'ready' AND (@importedBy IS NULL OR imported_by = @importedBy)
             ORDER BY created_at DESC, rowid DESC LIMIT @limit) b
       LEFT JOIN outbox_messages m ON m.batch_id = b.id
       GROUP BY b.id
       ORDER BY b.created_at DESC, b.id`;

/**
 * The newest batches that finished importing (of one desk user's when `importedBy` is given), with their messages
 * counted per group. Batches still importing or cancelled are left out.
 */
export function listBatchProgress(db: Db, limit: number, importedBy?: string): OutboxBatchProgress[] {
  const rows = db.prepare(batchProgressSql).all({ limit, importedBy: importedBy ?? null }) as BatchProgressRow[];
  return rows.map((row) => ({
    id: row.id,
    fileName: row.file_name,
    importedBy: row.imported_by,
    createdAt: row.created_at,
    sendAfter: row.send_after,
    paused: row.paused === 1,
    total: row.total,
    waiting: row.waiting,
    sending: row.sending,
    accepted: row.accepted,
    delivered: row.delivered,
    failed: row.failed,
    cancelled: row.cancelled,
    inPostRoom: row.in_post_room,
    posted: row.posted,
  }));
}
