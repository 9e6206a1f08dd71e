// INTERIM: crude stand-ins used only until shared/notify's email-address.ts and email-template.ts land;
// notify-rules.ts will switch to them and this file will be deleted. Not Notify's rules.
import { fillPlaceholders } from '../shared/notify/placeholders';

export function interimEmailHtml(body: string, values: Record<string, unknown>): string {
  return `<p>${fillPlaceholders(body, values, { html: true }).replace(/\n/g, '<br>')}</p>`;
}

export function interimEmail(input: string): { valid: true; normalised: string } | { valid: false } {
  const trimmed = input.trim();
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[a-z]{2,63}$/i.test(trimmed) ? { valid: true, normalised: trimmed } : { valid: false };
}
