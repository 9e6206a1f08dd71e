import { useState } from 'react';
import { CallError, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { TextInput } from '../../components/TextInput';
import { Radios } from '../../components/Radios';
import { useStore } from '../../store/store';
import { CurrentService } from './CurrentService';
import { ProvidersSection } from './ProvidersSection';
import { WatchFoldersSettings } from './WatchFoldersSettings';
import { RetentionSettings } from './RetentionSettings';
import {
  configureArgs,
  fieldForServiceRefusal,
  notifyBaseUrl,
  serviceFieldIds as ids,
  validateService,
  type ServiceDraft,
} from './serviceForm';
import { usePageTitle } from '../../hooks/usePageTitle';
import { NotForYou, useMay } from '../../access/access';
import { AccessSummary } from './AccessSummary';

type Outcome = { kind: 'saved'; warning: string | null } | { kind: 'removed' };

export function SettingsPage() {
  const status = useStore((store) => store.status);
  const { configureService, removeService } = useStore.getState();
  const service = status?.service ?? null;
  const providedKey = status?.providedKey ?? null;
  const [draft, setDraft] = useState<ServiceDraft>(() => ({
    name: service?.name ?? 'GOV.UK Notify',
    baseUrl: service?.baseUrl ?? notifyBaseUrl,
    keySource: providedKey && (!service || service.keyLocation !== 'keychain') ? 'provided' : 'typed',
    apiKey: '',
    keyType: service?.keyType ?? '',
    smsTemplateId: service?.passThroughTemplates.sms ?? '',
    emailTemplateId: service?.passThroughTemplates.email ?? '',
    letterTemplateId: service?.passThroughTemplates.letter ?? '',
  }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  usePageTitle('Settings');
  const may = useMay();

  function change<K extends keyof ServiceDraft>(field: K, value: ServiceDraft[K] | string): void {
    setDraft((previous) => ({ ...previous, [field]: value }));
  }

  async function save(): Promise<void> {
    const problems = validateService(draft);
    setErrors(problems);
    setProblem(null);
    setOutcome(null);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      const { warning } = await configureService(configureArgs(draft));
      setDraft((previous) => ({ ...previous, apiKey: '' }));
      setOutcome({ kind: 'saved', warning });
    } catch (error) {
      if (error instanceof CallError)
        setErrors([{ fieldId: fieldForServiceRefusal(error.message), message: error.message }]);
      else setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove(): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      await removeService();
      setConfirmingRemoval(false);
      setOutcome({ kind: 'removed' });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {outcome && <OutcomeBanner outcome={outcome} />}
      <ErrorSummary errors={errors} />
      {problem && <ErrorBanner message={problem} />}
      <h1 className="govuk-heading-l">Settings</h1>
      {status && <AccessSummary status={status} />}
      <h2 className="govuk-heading-m">Notify service</h2>
      {service ? (
        <CurrentService service={service} providedKey={providedKey} />
      ) : status?.practiceMode === false ? (
        <p className="govuk-body">
          No service is connected, and your organisation’s policy turns practice mode off: messages wait in the outbox
          until an administrator connects the service.
        </p>
      ) : (
        <p className="govuk-body">
          No service is connected, so this desk is in practice mode: it sends to a practice service with a test key, and
          nothing is delivered.
        </p>
      )}
      {!may('manage-service') && <NotForYou permission="manage-service" />}
      {may('manage-service') && (
        <div className="govuk-grid-row">
          <form
            className="govuk-grid-column-two-thirds"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <h2 className="govuk-heading-m">{service ? 'Change the service' : 'Connect a service'}</h2>
            <TextInput
              id={ids.name}
              label="Service name"
              value={draft.name}
              onChange={(value) => change('name', value)}
              error={errorFor(errors, ids.name)}
            />
            <TextInput
              id={ids.baseUrl}
              label="Base URL"
              type="url"
              value={draft.baseUrl}
              onChange={(value) => change('baseUrl', value)}
              error={errorFor(errors, ids.baseUrl)}
            />
            {providedKey && (
              <Radios
                name={ids.keySource}
                legend="Which API key?"
                value={draft.keySource}
                onChange={(value) => change('keySource', value === 'provided' ? 'provided' : 'typed')}
                options={[
                  {
                    value: 'provided',
                    label: `The key IT provides in ${providedKey.describedAs} (the desk uses it while it runs and never stores it)`,
                  },
                  { value: 'typed', label: 'A key I enter, kept in this computer’s keychain' },
                ]}
              />
            )}
            {draft.keySource === 'typed' && (
              <TextInput
                id={ids.apiKey}
                label="API key"
                type="password"
                autoComplete="new-password"
                hint={
                  service
                    ? 'The saved key is never shown. Enter it again to change any setting.'
                    : 'From the API integration page of your service on GOV.UK Notify'
                }
                value={draft.apiKey}
                onChange={(value) => change('apiKey', value)}
                error={errorFor(errors, ids.apiKey)}
              />
            )}
            <Radios
              name={ids.keyType}
              legend="What type of API key is it?"
              hint="You chose it when you created the key in Notify. Notify does not say, so the desk asks."
              value={draft.keyType}
              onChange={(value) => change('keyType', value)}
              error={errorFor(errors, ids.keyType)}
              options={[
                { value: 'live', label: 'Live: sends messages to anyone' },
                { value: 'team', label: 'Team and guest list: sends only to your team and guest list' },
                { value: 'test', label: 'Test: pretends to send, so nothing is delivered' },
              ]}
            />
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Pass-through templates (optional)</span>
              </summary>
              <div className="govuk-details__text">
                <p className="govuk-body">
                  Templates written on this desk are sent through a Notify template whose whole content is ((body)).
                  Enter their IDs from Notify.
                </p>
                <TextInput
                  id={ids.smsTemplateId}
                  label="Text message template ID"
                  value={draft.smsTemplateId}
                  onChange={(value) => change('smsTemplateId', value)}
                  error={errorFor(errors, ids.smsTemplateId)}
                />
                <TextInput
                  id={ids.emailTemplateId}
                  label="Email template ID"
                  value={draft.emailTemplateId}
                  onChange={(value) => change('emailTemplateId', value)}
                  error={errorFor(errors, ids.emailTemplateId)}
                />
                <TextInput
                  id={ids.letterTemplateId}
                  label="Letter template ID"
                  value={draft.letterTemplateId}
                  onChange={(value) => change('letterTemplateId', value)}
                  error={errorFor(errors, ids.letterTemplateId)}
                />
              </div>
            </details>
            <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
              Save service
            </button>
          </form>
        </div>
      )}
      {service && may('manage-service') && (
        <section aria-labelledby="remove-heading">
          <h2 className="govuk-heading-m" id="remove-heading">
            Remove the service
          </h2>
          {confirmingRemoval ? (
            <>
              <p className="govuk-body">
                Are you sure? The key is deleted from this computer and the desk goes back to practice mode. Messages
                not yet sent stay in the outbox.
              </p>
              <div className="govuk-button-group">
                <button
                  type="button"
                  className="govuk-button govuk-button--warning"
                  disabled={busy}
                  onClick={() => void remove()}
                >
                  Yes, remove the service
                </button>
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() => setConfirmingRemoval(false)}
                >
                  Keep it
                </button>
              </div>
            </>
          ) : (
            <button
              type="button"
              className="govuk-button govuk-button--warning"
              onClick={() => setConfirmingRemoval(true)}
            >
              Remove the service
            </button>
          )}
        </section>
      )}
      {may('manage-providers') && <ProvidersSection />}
      {may('manage-providers') && <WatchFoldersSettings />}
      {may('manage-policy') && <RetentionSettings />}
    </>
  );
}

function OutcomeBanner({ outcome }: { outcome: Outcome }) {
  const warning = outcome.kind === 'saved' ? outcome.warning : null;
  const heading =
    outcome.kind === 'removed'
      ? 'The service was removed: this desk is back in practice mode'
      : warning
        ? 'Saved offline'
        : 'The service was saved and the key was accepted';
  return (
    <div
      className={`govuk-notification-banner${warning ? '' : ' govuk-notification-banner--success'}`}
      role={warning ? 'region' : 'alert'}
      aria-labelledby="settings-outcome-title"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="settings-outcome-title">
          {warning ? 'Important' : 'Success'}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {warning && <p className="govuk-body">{warning}</p>}
      </div>
    </div>
  );
}
