import type { HarvestReport } from '../../../shared/contract';
import { londonDate } from '../../../shared/notify/london-time';
import { STATUS_UNKNOWN } from '../../../shared/notify/notification-status';
import { newId } from '../clock';
import type { Db } from '../database/open-database';
import { recipientSearchKey } from '../database/record-functions';
import type { Notification, NotifyClient } from '../notify-client';
import { parseDeskReference } from '../outbox/desk-reference';
import { stateForNotifyStatus } from '../outbox/notify-status';
import { recordNotifyStatuses, type StatusUpdate } from '../outbox/transitions';
import { readRecordSettings, recordHarvestCompleted } from './record-settings';
import { recordsDeletedBefore } from '../retention/retention-settings';

export interface HarvestOptions {
  now?: Date;
  /** Only a notification older than this, still not final and no longer listed, is marked as never having a final status seen. */
  settleMs?: number;
}

/** Notify's created_at and the desk's clock may differ by the JWT's window plus a request's time. */
const CLOCK_SLACK_MS = 120_000;

interface KnownRow {
  id: string;
  origin: string;
  status: string;
  billable_units: number | null;
}

/** The recipient as Notify lists it: the address, the phone number, or a letter's address lines. */
function recipientOf(notification: Notification): string {
  if (notification.type === 'email') return notification.email_address ?? '';
  if (notification.type === 'sms') return notification.phone_number ?? '';
  const lines = [
    notification.line_1,
    notification.line_2,
    notification.line_3,
    notification.line_4,
    notification.line_5,
    notification.line_6,
    notification.postcode,
  ];
  return lines.filter((line): line is string => typeof line === 'string' && line.trim() !== '').join('\n');
}

function billableUnitsOf(notification: Notification): number | null {
  if (notification.is_cost_data_ready === false) return null;
  const details = notification.cost_details;
  return details?.billable_sms_fragments ?? details?.billable_sheets_of_paper ?? null;
}

const isoOf = (notifyTime: string | null | undefined): string | null => {
  if (!notifyTime) return null;
  const ms = Date.parse(notifyTime);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

/**
 * Reads every notification of the service Notify still lists (all types and statuses, spreadsheet jobs included),
 * newest first with `older_than` paging, back to where the last complete harvest left off and past every message
 * still waiting for a final status. What the desk did not send enters the record as sent elsewhere; statuses of what
 * it knows are brought up to date (the desk's own through its outbox). A message no longer listed whose final status
 * was never seen is marked so. Running it again adds nothing twice: Notify's id is unique in the record.
 */
export async function harvestNotifications(
  db: Db,
  client: NotifyClient,
  options: HarvestOptions = {},
): Promise<HarvestReport> {
  const startedAt = options.now ?? new Date();
  const report: HarvestReport = { requests: 0, seen: 0, adopted: 0, statusesChanged: 0, markedUnknown: 0 };
  const settings = readRecordSettings(db);
  const oldestOpen = (
    db
      .prepare(
        `SELECT MIN(created_at) AS at FROM record_messages WHERE origin <> 'desk' AND status IN (SELECT value FROM json_each(?))`,
      )
      .get(JSON.stringify(OPEN_STATUSES)) as { at: string | null }
  ).at;
  const stopCandidates = [settings.harvestNewestAt, oldestOpen].filter((at): at is string => at !== null);
  const stopBeforeMs =
    settings.harvestNewestAt === null
      ? -Infinity
      : Math.min(...stopCandidates.map((at) => Date.parse(at))) - CLOCK_SLACK_MS;

  const seenIds = new Set<string>();
  const templateNames = new TemplateNames(db, client);
  let newestCreatedAt: string | null = null;
  let olderThan: string | undefined;
  for (;;) {
    const page = await client.listNotifications({ includeJobs: true, ...(olderThan ? { olderThan } : {}) });
    report.requests += 1;
    if (page.notifications.length === 0) break;
    newestCreatedAt ??= isoOf(page.notifications[0]?.created_at);
    recordPage(db, page.notifications, await templateNames.resolve(page.notifications), report, seenIds, startedAt);
    const last = page.notifications.at(-1) as Notification;
    if (!page.links?.next || Date.parse(last.created_at) < stopBeforeMs) break;
    olderThan = last.id;
  }

  const settledBefore = new Date(startedAt.getTime() - (options.settleMs ?? 3_600_000)).toISOString();
  report.markedUnknown = markNoLongerListed(db, seenIds, settledBefore, startedAt);
  recordHarvestCompleted(db, startedAt.toISOString(), newestCreatedAt);
  return report;
}

const OPEN_STATUSES = ['created', 'pending', 'sending', 'accepted', 'pending-virus-check'];

function recordPage(
  db: Db,
  notifications: readonly Notification[],
  templateNames: ReadonlyMap<string, string>,
  report: HarvestReport,
  seenIds: Set<string>,
  now: Date,
): void {
  const known = db.prepare('SELECT id, origin, status, billable_units FROM record_messages WHERE notify_id = ?');
  const outboxHas = db.prepare('SELECT state FROM outbox_messages WHERE id = ?');
  const updateStatus = db.prepare(
    `UPDATE record_messages SET status = @status, status_at = @statusAt, completed_at = @completedAt,
       billable_units = COALESCE(@billableUnits, billable_units), postage = COALESCE(@postage, postage),
       cost_in_pounds = COALESCE(@cost, cost_in_pounds)
     WHERE id = @id`,
  );
  const insert = db.prepare(
    `INSERT INTO record_messages (id, notify_id, origin, type, status, recipient, recipient_key, reference, template_id,
       template_name, template_version, sent_by, subject, body, billable_units, postage, cost_in_pounds, created_at,
       status_at, completed_at, day)
     VALUES (@id, @notifyId, @origin, @type, @status, @recipient, @recipientKey, @reference, @templateId, @templateName,
       @templateVersion, @sentBy, @subject, @body, @billableUnits, @postage, @cost, @createdAt, @statusAt, @completedAt, @day)
     ON CONFLICT DO NOTHING`,
  );
  const deskUpdates: StatusUpdate[] = [];
  // Notify may still list a message whose record the retention period has deleted: it is not taken in again.
  const deletedBefore = recordsDeletedBefore(db);
  db.transaction(() => {
    for (const notification of notifications) {
      report.seen += 1;
      const createdAt = isoOf(notification.created_at) ?? now.toISOString();
      const completedAt = isoOf(notification.completed_at);
      const statusAt = completedAt ?? isoOf(notification.sent_at) ?? createdAt;
      const billableUnits = billableUnitsOf(notification);
      const row = known.get(notification.id) as KnownRow | undefined;
      if (row) {
        seenIds.add(row.id);
        if (row.origin === 'desk') {
          if (row.status !== notification.status) {
            deskUpdates.push({
              id: row.id,
              notifyStatus: notification.status,
              state: stateForNotifyStatus(notification.status),
            });
          }
          continue;
        }
        if (row.status !== notification.status || (billableUnits !== null && row.billable_units !== billableUnits)) {
          updateStatus.run({
            id: row.id,
            status: notification.status,
            statusAt,
            completedAt,
            billableUnits,
            postage: notification.postage ?? null,
            cost: notification.cost_in_pounds ?? null,
          });
          if (row.status !== notification.status) report.statusesChanged += 1;
        }
        continue;
      }
      if (deletedBefore !== null && createdAt < deletedBefore) continue;
      const desk = parseDeskReference(notification.reference);
      // This desk's own message whose acceptance the outbox has not recorded yet: the outbox finds it by reference.
      if (desk && outboxHas.get(desk.messageId)) continue;
      const id = newId();
      const templateId = notification.template?.id ?? null;
      const inserted = insert.run({
        id,
        notifyId: notification.id,
        origin: desk ? 'other-desk' : 'elsewhere',
        type: notification.type,
        status: notification.status,
        recipient: recipientOf(notification),
        recipientKey: recipientSearchKey(notification.type, recipientOf(notification)),
        reference: notification.reference,
        templateId,
        templateName: templateId ? (templateNames.get(templateId) ?? null) : null,
        templateVersion: notification.template?.version ?? null,
        sentBy: desk?.user ?? notification.created_by_name ?? null,
        subject: notification.subject ?? null,
        body: notification.body ?? null,
        billableUnits,
        postage: notification.postage ?? null,
        cost: notification.cost_in_pounds ?? null,
        createdAt,
        statusAt,
        completedAt,
        day: londonDate(createdAt),
      });
      if (inserted.changes > 0) {
        report.adopted += 1;
        seenIds.add(id);
      }
    }
    if (deskUpdates.length > 0) {
      const accepted = deskUpdates.filter(
        (update) => (outboxHas.get(update.id) as { state: string } | undefined)?.state === 'accepted',
      );
      report.statusesChanged += recordNotifyStatuses(db, accepted, [], now).length;
    }
  })();
}

/** Messages sent elsewhere, not final, that Notify no longer lists: their final status will never be known. */
function markNoLongerListed(db: Db, seenIds: ReadonlySet<string>, settledBefore: string, now: Date): number {
  const open = db
    .prepare(
      `SELECT id FROM record_messages WHERE origin <> 'desk' AND created_at < ? AND status IN (SELECT value FROM json_each(?))`,
    )
    .all(settledBefore, JSON.stringify(OPEN_STATUSES)) as { id: string }[];
  const unseen = open.filter((row) => !seenIds.has(row.id));
  const mark = db.prepare(`UPDATE record_messages SET status = ?, status_at = ? WHERE id = ?`);
  db.transaction(() => {
    for (const row of unseen) mark.run(STATUS_UNKNOWN, now.toISOString(), row.id);
  })();
  return unseen.length;
}

/** Template names by Notify template id: the desk's own copy when it has one, otherwise asked of Notify once. */
class TemplateNames {
  private readonly names = new Map<string, string>();
  private readonly asked = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly client: NotifyClient,
  ) {}

  get(templateId: string): string | undefined {
    return this.names.get(templateId);
  }

  async resolve(notifications: readonly Notification[]): Promise<ReadonlyMap<string, string>> {
    const local = this.db.prepare('SELECT name FROM templates WHERE notify_template_id = ?');
    for (const notification of notifications) {
      const id = notification.template?.id;
      if (!id || this.asked.has(id)) continue;
      this.asked.add(id);
      const row = local.get(id) as { name: string } | undefined;
      if (row) {
        this.names.set(id, row.name);
        continue;
      }
      try {
        this.names.set(id, (await this.client.getTemplate(id)).name);
      } catch {
        // A template Notify no longer has (or cannot show) leaves the name empty; the message is still recorded.
      }
    }
    return this.names;
  }
}
