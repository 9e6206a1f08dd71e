import { useEffect, useState } from 'react';
import { TemplateRolesField } from './TemplateRolesField';
import type { TemplateDetail } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { MessagePreviewPanel } from '../../components/MessagePreviewPanel';
import { Radios } from '../../components/Radios';
import { Select } from '../../components/Select';
import { Textarea } from '../../components/Textarea';
import { TextInput } from '../../components/TextInput';
import { channelLabels, channels, isChannel } from '../../format/channels';
import { usePreview } from '../../hooks/usePreview';
import { href, navigate } from '../../routing/route';
import { useStore } from '../../store/store';
import {
  draftFromTemplate,
  emptyDraft,
  fieldIds,
  hasSubject,
  templateFields,
  validateDraft,
  type Postage,
  type TemplateDraft,
} from './templateForm';
import { usePageTitle } from '../../hooks/usePageTitle';
import { NotifyTemplateView } from './NotifyTemplateView';

const postageOptions = [
  { value: 'first', label: 'First class' },
  { value: 'second', label: 'Second class' },
  { value: 'economy', label: 'Economy' },
];
const typeOptions = channels.map((channel) => ({ value: channel, label: channelLabels[channel] }));
const letterAddressPlaceholders = ['((address line 1))', '((address line 2))', '((address line 3))'];

function isPostage(value: string): value is Postage {
  return value === 'first' || value === 'second' || value === 'economy';
}

/** Creates a template (no id) or edits one. */
export function TemplateFormPage({ templateId }: { templateId?: string }) {
  const loadTemplates = useStore((store) => store.loadTemplates);
  const [template, setTemplate] = useState<TemplateDetail | null>(null);
  const [draft, setDraft] = useState<TemplateDraft>(emptyDraft('sms'));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  usePageTitle(templateId ? 'Edit template' : 'Create a template');

  useEffect(() => {
    if (!templateId) return;
    call('templates.get', { id: templateId }).then(
      (loaded) => {
        setTemplate(loaded);
        setDraft(draftFromTemplate(loaded));
      },
      (error: unknown) => setProblem(errorMessage(error)),
    );
  }, [templateId]);

  const { preview, error: previewError } = usePreview(
    draft.body
      ? { type: draft.type, body: draft.body, subject: hasSubject(draft.type) ? draft.subject : undefined }
      : null,
  );

  function change<K extends keyof TemplateDraft>(field: K, value: TemplateDraft[K]): void {
    setDraft((previous) => ({ ...previous, [field]: value }));
  }

  async function save(): Promise<void> {
    const problems = validateDraft(draft);
    setErrors(problems);
    setProblem(null);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      const saved = templateId
        ? await call('templates.update', { id: templateId, ...templateFields(draft) })
        : await call('templates.create', { type: draft.type, ...templateFields(draft) });
      await loadTemplates();
      navigate(`${href('templates')}?saved=${encodeURIComponent(saved.id)}`);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  if (templateId && !template) {
    return problem ? <ErrorBanner message={problem} /> : <p className="govuk-body">Loading the template…</p>;
  }
  if (template?.source === 'notify') return <NotifyTemplateView template={template} />;

  const letter = draft.type === 'letter';
  return (
    <>
      <a href={href('templates')} className="govuk-back-link">
        Back
      </a>
      <ErrorSummary errors={errors} />
      {problem && <ErrorBanner message={problem} />}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <span className="govuk-caption-l">{channelLabels[draft.type]} template</span>
          <h1 className="govuk-heading-l">{template ? `Edit ‘${template.name}’` : 'Create a template'}</h1>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            {!templateId && (
              <Select
                id={fieldIds.type}
                label="Template type"
                value={draft.type}
                options={typeOptions}
                onChange={(value) => isChannel(value) && change('type', value)}
              />
            )}
            <TextInput
              id={fieldIds.name}
              label="Template name"
              hint="Your recipients will not see this"
              value={draft.name}
              onChange={(value) => change('name', value)}
              error={errorFor(errors, fieldIds.name)}
              widthClass="govuk-!-width-full"
            />
            {hasSubject(draft.type) && (
              <TextInput
                id={fieldIds.subject}
                label="Subject"
                hint={letter ? 'The main heading of the letter' : undefined}
                value={draft.subject}
                onChange={(value) => change('subject', value)}
                error={errorFor(errors, fieldIds.subject)}
                widthClass="govuk-!-width-full"
              />
            )}
            <Textarea
              id={fieldIds.body}
              label="Message"
              hint="Put a placeholder in double brackets, for example ((first name))"
              value={draft.body}
              onChange={(value) => change('body', value)}
              error={errorFor(errors, fieldIds.body)}
              rows={letter ? 12 : 8}
            />
            {letter && (
              <>
                <Textarea
                  id={fieldIds.letterContactBlock}
                  label="Contact block"
                  hint="Your address and contact details, shown at the top right"
                  value={draft.letterContactBlock}
                  onChange={(value) => change('letterContactBlock', value)}
                  rows={4}
                />
                <Radios
                  name={fieldIds.postage}
                  legend="Postage"
                  value={draft.postage}
                  options={postageOptions}
                  onChange={(value) => isPostage(value) && change('postage', value)}
                  inline
                />
              </>
            )}
            <TextInput
              id={fieldIds.folder}
              label="Folder (optional)"
              value={draft.folder}
              onChange={(value) => change('folder', value)}
              widthClass="govuk-!-width-two-thirds"
            />
            <TemplateRolesField
              id={fieldIds.allowedRoles}
              value={draft.allowedRoles}
              onChange={(value) => change('allowedRoles', value)}
            />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" disabled={saving} aria-disabled={saving}>
                Save
              </button>
              {template && (
                <>
                  {!template.archived && (
                    <a className="govuk-link" href={`${href('send')}?template=${encodeURIComponent(template.id)}`}>
                      Send a message with this template
                    </a>
                  )}
                  <a className="govuk-link" href={href('templates', template.id, 'versions')}>
                    See earlier versions
                  </a>
                  {!template.archived && (
                    <a className="govuk-link" href={href('templates', template.id, 'archive')}>
                      Archive this template
                    </a>
                  )}
                </>
              )}
            </div>
          </form>
        </div>
        <div className="govuk-grid-column-one-half">
          <MessagePreviewPanel
            preview={draft.body ? preview : null}
            error={previewError}
            letter={{
              addressLines: letterAddressPlaceholders,
              contactBlock: draft.letterContactBlock,
              postage: draft.postage,
            }}
          />
        </div>
      </div>
    </>
  );
}
