import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { Radios } from '../../components/Radios';

const choices = [
  { value: 'notify', label: 'Through Notify (Notify prints and posts them)' },
  { value: 'print', label: 'Printed here, in the post room' },
];

/** How letters are sent: through the Notify service, or printed in the post room. */
export function LetterRouteForm({ onChanged }: { onChanged: () => void }) {
  const [route, setRoute] = useState<string | null>(null);
  const [chosen, setChosen] = useState('notify');
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    call('routes.list', {})
      .then(({ routes }) => {
        const letters = routes.find((candidate) => candidate.channel === 'letter')?.providers[0] ?? 'notify';
        setRoute(letters);
        setChosen(letters);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)));
  }, []);

  async function save(): Promise<void> {
    setProblem(undefined);
    try {
      const saved = await call('routes.set', {
        channel: 'letter',
        providers: [chosen === 'print' ? 'print' : 'notify'],
      });
      setRoute(saved.providers[0] ?? 'notify');
      onChanged();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <form
      className="govuk-!-margin-bottom-6"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Radios
        name="letter-route"
        legend="How letters are sent"
        value={chosen}
        options={choices}
        onChange={setChosen}
        error={problem}
      />
      <button
        type="submit"
        className="govuk-button govuk-button--secondary"
        disabled={route === null || chosen === route}
      >
        Save how letters are sent
      </button>
    </form>
  );
}
