import type { MessagePreview, TemplateDetail } from '../../../../shared/contract';

const postageLabels = { first: 'first class', second: 'second class', economy: 'economy' } as const;

/** What this message costs in Notify's terms: text message fragments, free email, or postage class. */
export function CostLine({ template, preview }: { template: TemplateDetail; preview: MessagePreview | null }) {
  let text: string;
  if (template.type === 'sms') {
    const fragments = preview?.sms?.fragmentCount;
    if (fragments === undefined) return null;
    const encoding = preview?.sms?.encoding === 'UCS-2' ? ' (Unicode rate: 70 characters each)' : '';
    text = `Costs ${fragments} ${fragments === 1 ? 'text message' : 'text messages'} from your allowance${encoding}`;
  } else if (template.type === 'email') {
    text = 'Emails are free to send';
  } else {
    text = `Sent by ${postageLabels[template.latest.postage ?? 'second']} post`;
  }
  return (
    <p className="govuk-inset-text nd-cost" data-testid="cost">
      {text}
    </p>
  );
}
