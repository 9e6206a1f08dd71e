// An email as Notify would send it for a message of the outbox: the subject, the HTML (Notify's layout around the
// rendered body) and the plain-text part. A template written on the desk goes as Notify sends it through the
// service's pass-through template (subject ((subject)), body ((body))); a Notify template is rendered with its values.
import { renderEmail, renderEmailDocument } from '../../../../shared/notify';
import type { Db } from '../../database/open-database';
import type { ClaimedMessage } from '../../outbox/leases';
import { parseStoredPersonalisation } from '../../outbox/stored-personalisation';

export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

/** Where Notify puts the desk's own rendering: the pass-through template's placeholders. */
const PASS_THROUGH = { subject: '((subject))', body: '((body))' };

export function emailContent(db: Db, message: ClaimedMessage): EmailContent {
  let input: { subject: string; body: string; values: Readonly<Record<string, unknown>> };
  if (message.templateSource === 'notify') {
    const version = db
      .prepare(
        `SELECT v.subject, v.body FROM outbox_messages m
         JOIN template_versions v ON v.template_id = m.template_id AND v.version = m.template_version WHERE m.id = ?`,
      )
      .get(message.id) as { subject: string | null; body: string };
    input = {
      subject: version.subject ?? '',
      body: version.body,
      values: parseStoredPersonalisation(message.personalisation),
    };
  } else {
    input = { ...PASS_THROUGH, values: { subject: message.renderedSubject ?? '', body: message.renderedBody } };
  }
  const email = renderEmail(input);
  return {
    subject: email.subject,
    html: renderEmailDocument({ html: email.html, preheader: email.preheader, title: email.subject }),
    text: email.plainText,
  };
}
