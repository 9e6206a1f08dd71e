/**
 * Sites a link in the app may open in the person's own browser: GOV.UK and GOV.UK Notify's own pages. Nothing else is
 * opened, so a link in a template preview or a Notify error cannot send anyone to an unknown site.
 */
const allowedHosts: ReadonlySet<string> = new Set([
  'www.gov.uk',
  'www.notifications.service.gov.uk',
  'docs.notifications.service.gov.uk',
  'status.notifications.service.gov.uk',
]);

export function isAllowedExternalLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    allowedHosts.has(parsed.hostname)
  );
}
