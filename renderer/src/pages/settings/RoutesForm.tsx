import { useState } from 'react';
import type { Channel, ChannelRoute, ProviderSummary } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { Select } from '../../components/Select';
import { href } from '../../routing/route';

/** Routes the form sets: texts and emails (letters go to Notify or the post room, chosen on the Letters page). */
const ROUTED: { channel: Channel; heading: string }[] = [
  { channel: 'sms', heading: 'Text messages' },
  { channel: 'email', heading: 'Emails' },
];
const PLACES = ['First', 'If it does not take the message', 'If that does not take it either'];
const NOTIFY = { value: 'notify', label: 'GOV.UK Notify' };

function ChannelRouteForm({
  channel,
  heading,
  route,
  providers,
  onSaved,
}: {
  channel: Channel;
  heading: string;
  route: string[];
  providers: ProviderSummary[];
  onSaved: (route: ChannelRoute) => void;
}) {
  const [chosen, setChosen] = useState<string[]>(() => PLACES.map((_, index) => route[index] ?? ''));
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const options = [
    NOTIFY,
    ...providers
      .filter((provider) => provider.channel === channel)
      .map((provider) => ({ value: provider.name, label: provider.name })),
  ];

  async function save(): Promise<void> {
    setBusy(true);
    setOutcome(null);
    try {
      const saved = await call('routes.set', { channel, providers: chosen.filter((name) => name !== '') });
      onSaved(saved);
      setOutcome({ ok: true, message: `${heading} go by ${saved.providers.join(', then ')}.` });
    } catch (error) {
      setOutcome({ ok: false, message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      noValidate
      className="govuk-!-margin-bottom-6"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{heading}</legend>
        {PLACES.map((place, index) => (
          <Select
            key={place}
            id={`route-${channel}-${index + 1}`}
            label={place}
            value={chosen[index] ?? ''}
            options={[{ value: '', label: index === 0 ? 'Choose a route' : 'No other route' }, ...options]}
            onChange={(value) => setChosen((previous) => previous.map((name, at) => (at === index ? value : name)))}
          />
        ))}
      </fieldset>
      <div aria-live="polite">
        {outcome && <p className={`govuk-body-s${outcome.ok ? '' : ' govuk-error-message'}`}>{outcome.message}</p>}
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy} aria-disabled={busy}>
        Save the route for {heading.toLowerCase()}
      </button>
    </form>
  );
}

/** Each channel's routes in order: the next takes over only when the one before proves it did not take a message. */
export function RoutesForm({
  routes,
  providers,
  onSaved,
}: {
  routes: ChannelRoute[];
  providers: ProviderSummary[];
  onSaved: (route: ChannelRoute) => void;
}) {
  return (
    <section aria-labelledby="routes-heading">
      <h3 className="govuk-heading-s" id="routes-heading">
        Routes
      </h3>
      <p className="govuk-body">
        Messages go by the first route. The next takes over only when the one before it shows it did not take the
        message (it could not be reached, it refused the message, or it kept asking to slow down). A message whose
        outcome is unknown is never sent again by itself: it waits in the outbox for you to decide.
      </p>
      {ROUTED.map(({ channel, heading }) => (
        <ChannelRouteForm
          key={`${channel}:${providers.map((provider) => provider.name).join(',')}`}
          channel={channel}
          heading={heading}
          route={routes.find((route) => route.channel === channel)?.providers ?? ['notify']}
          providers={providers}
          onSaved={onSaved}
        />
      ))}
      <p className="govuk-body">
        Letters go through GOV.UK Notify or are printed in the post room: choose under “How letters are sent” on{' '}
        <a className="govuk-link" href={href('letters')}>
          Letters to print
        </a>
        .
      </p>
    </section>
  );
}
