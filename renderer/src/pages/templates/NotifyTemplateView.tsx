import type { TemplateDetail } from '../../../../shared/contract';
import { MessagePreviewPanel } from '../../components/MessagePreviewPanel';
import { channelLabels } from '../../format/channels';
import { usePreview } from '../../hooks/usePreview';
import { href } from '../../routing/route';
import { TemplateContentList } from './TemplateContentList';

const letterAddressPlaceholders = ['((address line 1))', '((address line 2))', '((address line 3))'];

/** A template that lives on the Notify service: shown as Notify has it, changed only there. */
export function NotifyTemplateView({ template }: { template: TemplateDetail }) {
  const { latest } = template;
  const { preview, error } = usePreview({
    type: template.type,
    body: latest.body,
    subject: latest.subject ?? undefined,
  });
  return (
    <>
      <a href={href('templates')} className="govuk-back-link">
        Back
      </a>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <span className="govuk-caption-l">{channelLabels[template.type]} template from Notify</span>
          <h1 className="govuk-heading-l">{template.name}</h1>
          <div className="govuk-inset-text">
            This template lives on the Notify service. To change it, edit it in Notify: the desk shows it as Notify has
            it.
          </div>
          <TemplateContentList version={latest} />
          <div className="govuk-button-group">
            {!template.archived && (
              <a className="govuk-button" href={`${href('send')}?template=${encodeURIComponent(template.id)}`}>
                Send a message with this template
              </a>
            )}
            <a className="govuk-link" href={href('templates', template.id, 'versions')}>
              See earlier versions
            </a>
          </div>
        </div>
        <div className="govuk-grid-column-one-half">
          <MessagePreviewPanel
            preview={preview}
            error={error}
            letter={{
              addressLines: letterAddressPlaceholders,
              contactBlock: latest.letterContactBlock ?? '',
              postage: latest.postage ?? 'second',
            }}
          />
        </div>
      </div>
    </>
  );
}
