import { readFileSync } from 'node:fs';

export interface RenderingCase {
  function: 'email_template' | 'letter_template' | 'sms_preview_template';
  input: string;
  options: {
    subject?: string;
    values?: Record<string, string | null>;
    date?: string;
    language?: 'english' | 'welsh';
    welsh?: { letter_welsh_content: string; letter_welsh_subject: string };
  };
  expected: unknown;
  note?: string;
}

export const renderingCases = (
  JSON.parse(
    readFileSync(new URL('../../fixtures/notify-vectors/email_and_letter_rendering.json', import.meta.url), 'utf8'),
  ) as { cases: RenderingCase[] }
).cases;
