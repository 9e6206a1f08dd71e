import { useEffect, useState } from 'react';
import type { ChannelRoute, ProviderSummary, ProviderTestResult } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TableHead } from '../../components/TableHead';
import { channelLabels } from '../../format/channels';
import { ProviderForm } from './ProviderForm';
import { providerKindLabels } from './providerForm';
import { RoutesForm } from './RoutesForm';

function ProviderRow({ provider, onRemoved }: { provider: ProviderSummary; onRemoved: () => void }) {
  const [test, setTest] = useState<ProviderTestResult | null>(null);
  const [testing, setTesting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function testConnection(): Promise<void> {
    setTesting(true);
    setTest(null);
    try {
      setTest(await call('providers.test', { name: provider.name }));
    } catch (error) {
      setTest({ ok: false, message: errorMessage(error) });
    } finally {
      setTesting(false);
    }
  }

  async function remove(): Promise<void> {
    try {
      await call('providers.remove', { name: provider.name });
      onRemoved();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <tr className="govuk-table__row" data-provider={provider.name}>
      <td className="govuk-table__cell">
        {provider.name}
        <span className="govuk-body-s govuk-hint nd-block">{providerKindLabels[provider.kind]}</span>
      </td>
      <td className="govuk-table__cell">
        {provider.address}
        {provider.sender && <span className="govuk-body-s nd-block">From {provider.sender}</span>}
        {provider.trustsCaFile && <span className="govuk-body-s nd-block">Trusts the CA file IT named for it</span>}
      </td>
      <td className="govuk-table__cell">
        {provider.inRoutes.length > 0
          ? provider.inRoutes.map((channel) => channelLabels[channel]).join(', ')
          : 'No route yet'}
      </td>
      <td className="govuk-table__cell nd-actions">
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          disabled={testing}
          onClick={() => void testConnection()}
        >
          Test connection<span className="govuk-visually-hidden"> to {provider.name}</span>
        </button>
        {confirming ? (
          <>
            <button
              type="button"
              className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
              onClick={() => void remove()}
            >
              Yes, remove {provider.name}
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              onClick={() => setConfirming(false)}
            >
              Keep it
            </button>
          </>
        ) : (
          <button
            type="button"
            className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
            onClick={() => setConfirming(true)}
          >
            Remove<span className="govuk-visually-hidden"> {provider.name}</span>
          </button>
        )}
        <div aria-live="polite" data-testid="provider-test">
          {testing && <p className="govuk-body-s">Testing the connection…</p>}
          {test && <p className={`govuk-body-s${test.ok ? '' : ' govuk-error-message'}`}>{test.message}</p>}
          {confirming && (
            <p className="govuk-body-s">Its credentials are deleted from this computer and it leaves every route.</p>
          )}
          {problem && <p className="govuk-body-s govuk-error-message">{problem}</p>}
        </div>
      </td>
    </tr>
  );
}

/** Settings for administrators: the organisation's own providers, and which way each channel's messages go. */
export function ProvidersSection() {
  const [providers, setProviders] = useState<ProviderSummary[] | null>(null);
  const [routes, setRoutes] = useState<ChannelRoute[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  async function load(): Promise<void> {
    try {
      const [listed, routed] = await Promise.all([call('providers.list', {}), call('routes.list', {})]);
      setProviders(listed.providers);
      setRoutes(routed.routes);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  return (
    <section aria-labelledby="providers-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="providers-heading">
        Providers and routes
      </h2>
      <p className="govuk-body">
        Besides GOV.UK Notify, this desk can send through your organisation’s own SMS gateway or mail relay. Passwords,
        tokens and system ids are kept only in this computer’s keychain.
      </p>
      {problem && <ErrorBanner message={problem} />}
      <div aria-live="polite">
        {added && (
          <p className="govuk-body govuk-!-font-weight-bold">
            {added} was added. Test its connection, then choose it in a route.
          </p>
        )}
      </div>
      {providers && providers.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Providers</caption>
          <TableHead
            columns={['Provider', 'Where', 'Routes', <span className="govuk-visually-hidden">Actions</span>]}
          />
          <tbody className="govuk-table__body">
            {providers.map((provider) => (
              <ProviderRow key={provider.name} provider={provider} onRemoved={() => void load()} />
            ))}
          </tbody>
        </table>
      )}
      {providers && providers.length === 0 && (
        <p className="govuk-body">No providers yet: every message goes through GOV.UK Notify.</p>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ProviderForm
            onAdded={(provider) => {
              setAdded(provider.name);
              void load();
            }}
          />
          {providers && routes && <RoutesForm routes={routes} providers={providers} onSaved={() => void load()} />}
        </div>
      </div>
    </section>
  );
}
