import type { ApiKeyType, ServiceSummary } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { newId, nowIso } from '../clock';

interface ServiceRow {
  id: string;
  name: string;
  kind: 'notify' | 'practice';
  base_url: string;
  notify_service_id: string;
  key_status: 'ok' | 'unchecked' | 'rejected';
  key_status_message: string | null;
  sms_template_id: string | null;
  email_template_id: string | null;
  letter_template_id: string | null;
  rate_limit_per_minute: number;
  templates_checked_at: string | null;
  key_type: ApiKeyType;
}

/** The service as stored; where its key lives is worked out when it is needed (it may be provided for this run only). */
export interface StoredService extends Omit<ServiceSummary, 'keyLocation'> {
  notifyServiceId: string;
}

export interface PassThroughTemplates {
  sms: string | null;
  email: string | null;
  letter: string | null;
}

const toService = (row: ServiceRow): StoredService => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  baseUrl: row.base_url,
  notifyServiceId: row.notify_service_id,
  keyStatus: row.key_status,
  keyStatusMessage: row.key_status_message,
  keyType: row.key_type,
  passThroughTemplates: { sms: row.sms_template_id, email: row.email_template_id, letter: row.letter_template_id },
  templatesCheckedAt: row.templates_checked_at,
  rateLimitPerMinute: row.rate_limit_per_minute,
});

/** The keychain account that holds a service's API key. */
export const apiKeyAccount = (serviceId: string): string => `api-key:${serviceId}`;

/** The configured Notify service (one per desk). Its API key is never here: only in the keychain. */
export class ServiceRepository {
  constructor(private readonly db: Db) {}

  configured(): StoredService | null {
    const row = this.db
      .prepare(`SELECT * FROM services WHERE kind = 'notify' ORDER BY created_at DESC LIMIT 1`)
      .get() as ServiceRow | undefined;
    return row ? toService(row) : null;
  }

  /** Saves new settings; the service's templates are to be looked up again (it may be another service now). */
  save(input: {
    name: string;
    baseUrl: string;
    notifyServiceId: string;
    keyStatus: StoredService['keyStatus'];
    keyStatusMessage: string | null;
    keyType: ApiKeyType;
    /** Named by the person, or null to be found on the service. */
    passThroughTemplates: PassThroughTemplates;
    rateLimitPerMinute: number;
  }): StoredService {
    const id = this.configured()?.id ?? newId();
    this.db
      .prepare(
        `INSERT INTO services (id, name, kind, base_url, notify_service_id, key_status, key_status_message, key_type,
           sms_template_id, email_template_id, letter_template_id, pass_through_named_by_user, rate_limit_per_minute, created_at)
         VALUES (@id, @name, 'notify', @baseUrl, @notifyServiceId, @keyStatus, @keyStatusMessage, @keyType,
           @sms, @email, @letter, @namedByUser, @rateLimitPerMinute, @now)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url,
           notify_service_id = excluded.notify_service_id, key_status = excluded.key_status,
           key_status_message = excluded.key_status_message, key_type = excluded.key_type, sms_template_id = excluded.sms_template_id,
           email_template_id = excluded.email_template_id, letter_template_id = excluded.letter_template_id,
           pass_through_named_by_user = excluded.pass_through_named_by_user,
           rate_limit_per_minute = excluded.rate_limit_per_minute, templates_checked_at = NULL`,
      )
      .run({
        id,
        name: input.name,
        baseUrl: input.baseUrl,
        notifyServiceId: input.notifyServiceId,
        keyStatus: input.keyStatus,
        keyStatusMessage: input.keyStatusMessage,
        keyType: input.keyType,
        sms: input.passThroughTemplates.sms,
        email: input.passThroughTemplates.email,
        letter: input.passThroughTemplates.letter,
        namedByUser: Object.values(input.passThroughTemplates).some(Boolean) ? 1 : 0,
        rateLimitPerMinute: input.rateLimitPerMinute,
        now: nowIso(),
      });
    const saved = this.configured();
    if (!saved) throw new Error('The service settings could not be saved.');
    return saved;
  }

  recordKeyCheck(id: string, status: StoredService['keyStatus'], message: string | null): void {
    this.db.prepare('UPDATE services SET key_status = ?, key_status_message = ? WHERE id = ?').run(status, message, id);
  }

  /** The pass-through templates found when the service's templates were looked up (null: the service has none). */
  recordTemplateLookUp(id: string, passThrough: PassThroughTemplates, at: string = nowIso()): void {
    this.db
      .prepare(
        `UPDATE services SET sms_template_id = ?, email_template_id = ?, letter_template_id = ?, templates_checked_at = ?
         WHERE id = ?`,
      )
      .run(passThrough.sms, passThrough.email, passThrough.letter, at, id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM services WHERE id = ?').run(id);
  }
}
