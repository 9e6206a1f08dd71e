import { useState } from 'react';
import type { OutboxMessage } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useStore } from '../../store/store';

type Deciding = { kind: 'resend'; routes: string[]; chosen: string } | { kind: 'mark-sent' } | null;

const routeLabel = (name: string): string => (name === 'notify' ? 'GOV.UK Notify' : name);

/**
 * For a message a provider may have taken without answering: send it again by a route the person chooses, or count it
 * as sent. Each asks for confirmation, and the core records who decided, and when.
 */
export function OutcomeUnknownActions({ message, recipient }: { message: OutboxMessage; recipient: string }) {
  const [deciding, setDeciding] = useState<Deciding>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const holder = message.provider ?? 'the provider';
  const idFor = (what: string) => `${what}-${message.id}`;

  async function startResend(): Promise<void> {
    setProblem(null);
    try {
      const { routes } = await call('routes.list', {});
      const forChannel = routes.find((route) => route.channel === message.type)?.providers ?? [];
      const choices = [...new Set([...forChannel, 'notify', ...(message.provider ? [message.provider] : [])])].filter(
        (name) => name !== 'print',
      );
      setDeciding({
        kind: 'resend',
        routes: choices,
        chosen: choices.find((name) => name !== message.provider) ?? choices[0] ?? 'notify',
      });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  async function decide(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      setDeciding(null);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const { resendUnknown, markSent } = useStore.getState();
  return (
    <div className="nd-outcome-unknown">
      {deciding === null && (
        <>
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            onClick={() => void startResend()}
          >
            Resend by…<span className="govuk-visually-hidden"> message to {recipient}</span>
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            onClick={() => setDeciding({ kind: 'mark-sent' })}
          >
            Mark as sent<span className="govuk-visually-hidden"> message to {recipient}</span>
          </button>
        </>
      )}
      {deciding?.kind === 'resend' && (
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Send it again?</legend>
          <p className="govuk-body-s">{holder} may already have sent it: the recipient could get it twice.</p>
          <div className="govuk-form-group govuk-!-margin-bottom-2">
            <label className="govuk-label govuk-label--s" htmlFor={idFor('resend-route')}>
              Send it by
            </label>
            <select
              id={idFor('resend-route')}
              className="govuk-select"
              value={deciding.chosen}
              onChange={(event) => setDeciding({ ...deciding, chosen: event.target.value })}
            >
              {deciding.routes.map((name) => (
                <option key={name} value={name}>
                  {routeLabel(name)}
                </option>
              ))}
            </select>
          </div>
          <div className="govuk-button-group govuk-!-margin-bottom-0">
            <button
              type="button"
              className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
              disabled={busy}
              onClick={() => void decide(() => resendUnknown(message.id, deciding.chosen))}
            >
              Yes, send it again by {routeLabel(deciding.chosen)}
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              onClick={() => setDeciding(null)}
            >
              Not now
            </button>
          </div>
        </fieldset>
      )}
      {deciding?.kind === 'mark-sent' && (
        <div role="group" aria-labelledby={idFor('mark-sent')}>
          <p className="govuk-body-s govuk-!-font-weight-bold" id={idFor('mark-sent')}>
            Mark it as sent by {holder}?
          </p>
          <p className="govuk-body-s">Only if you know it was sent: it will not be sent again.</p>
          <div className="govuk-button-group govuk-!-margin-bottom-0">
            <button
              type="button"
              className="govuk-button govuk-!-margin-bottom-0"
              disabled={busy}
              onClick={() => void decide(() => markSent(message.id))}
            >
              Yes, mark it as sent
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              onClick={() => setDeciding(null)}
            >
              Not now
            </button>
          </div>
        </div>
      )}
      <div aria-live="polite">{problem && <p className="govuk-body-s govuk-error-message">{problem}</p>}</div>
    </div>
  );
}
