import { useState } from 'react';
import type { ProviderKind, ProviderSummary } from '../../../../shared/contract';
import { call, CallError, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { Radios } from '../../components/Radios';
import { TextInput } from '../../components/TextInput';
import {
  emptyProviderDraft,
  fieldForProviderRefusal,
  providerArgs,
  providerFieldIds as ids,
  providerFields,
  providerKindLabels,
  validateProvider,
  type ProviderDraft,
} from './providerForm';

const KEPT_IN_KEYCHAIN = 'Kept in this computer’s keychain and never shown again.';

const fieldLook: Record<
  keyof ProviderDraft,
  (kind: ProviderKind) => { label: string; hint?: string; type?: 'text' | 'password' | 'email' | 'url' }
> = {
  kind: () => ({ label: 'Kind' }),
  name: () => ({ label: 'Name', hint: 'How routes name it, such as relay or sms-gateway.' }),
  host: (kind) => ({
    label: 'Host',
    hint: kind === 'smtp' ? 'The mail server’s host name or IP address.' : 'The gateway’s host name or IP address.',
  }),
  port: (kind) => ({ label: 'Port', hint: kind === 'smtp' ? '587 for STARTTLS, 465 for TLS.' : 'Usually 2775.' }),
  user: () => ({ label: 'User name (optional)', hint: KEPT_IN_KEYCHAIN }),
  password: (kind) => ({
    label: kind === 'smtp' ? 'Password (optional)' : 'Password',
    hint: KEPT_IN_KEYCHAIN,
    type: 'password',
  }),
  from: () => ({ label: 'From address', type: 'email' }),
  replyTo: () => ({ label: 'Reply-To address (optional)', type: 'email' }),
  systemId: () => ({ label: 'System id', hint: KEPT_IN_KEYCHAIN }),
  sender: (kind) =>
    kind === 'smpp'
      ? {
          label: 'Sender (optional)',
          hint: 'Up to 11 letters and digits, or a phone number. Without one, the gateway’s own.',
        }
      : { label: 'From', hint: 'The phone number, or sender id, texts come from.' },
  baseUrl: () => ({
    label: 'Base URL',
    hint: 'https://api.twilio.com for Twilio; your gateway’s address if it takes the same requests.',
    type: 'url',
  }),
  accountSid: () => ({ label: 'Account SID', hint: KEPT_IN_KEYCHAIN }),
  authToken: () => ({ label: 'Auth token', hint: KEPT_IN_KEYCHAIN, type: 'password' }),
};

/** Adds a direct provider: its settings to the desk, its credentials to the keychain. */
export function ProviderForm({ onAdded }: { onAdded: (provider: ProviderSummary) => void }) {
  const [draft, setDraft] = useState<ProviderDraft>(emptyProviderDraft);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(): Promise<void> {
    const problems = validateProvider(draft);
    setErrors(problems);
    setProblem(null);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      const { provider } = await call('providers.add', providerArgs(draft));
      setDraft(emptyProviderDraft);
      onAdded(provider);
    } catch (error) {
      if (error instanceof CallError) setErrors([fieldForProviderRefusal(error.message, draft.kind)]);
      else setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      aria-labelledby="add-provider-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 className="govuk-heading-s" id="add-provider-heading">
        Add a provider
      </h3>
      <ErrorSummary errors={errors} />
      {problem && <ErrorBanner message={problem} />}
      <Radios
        name={ids.kind}
        legend="Kind of provider"
        value={draft.kind}
        options={(Object.keys(providerKindLabels) as ProviderKind[]).map((kind) => ({
          value: kind,
          label: providerKindLabels[kind],
        }))}
        onChange={(kind) => {
          setDraft((previous) => ({ ...previous, kind: kind as ProviderKind }));
          setErrors([]);
        }}
      />
      {providerFields[draft.kind].map((field) => {
        const look = fieldLook[field](draft.kind);
        return (
          <TextInput
            key={`${draft.kind}-${field}`}
            id={ids[field]}
            label={look.label}
            hint={look.hint}
            type={look.type}
            autoComplete={look.type === 'password' ? 'new-password' : 'off'}
            widthClass={field === 'port' ? 'govuk-input--width-5' : undefined}
            value={draft[field]}
            onChange={(value) => setDraft((previous) => ({ ...previous, [field]: value }))}
            error={errorFor(errors, ids[field])}
          />
        );
      })}
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy} aria-disabled={busy}>
        Add provider
      </button>
    </form>
  );
}
