import type { MessageState, OutboxCounts } from '../../../../shared/contract';
import { stateGroups } from '../../format/messageStates';

interface OutboxSummaryProps {
  counts: OutboxCounts;
  filter: MessageState[];
  onFilter: (states: MessageState[]) => void;
}

function sameStates(a: readonly MessageState[], b: readonly MessageState[]): boolean {
  return a.length === b.length && a.every((state) => b.includes(state));
}

/** Counts by group; each group filters the table. */
export function OutboxSummary({ counts, filter, onFilter }: OutboxSummaryProps) {
  return (
    <nav aria-label="Filter messages by status" className="nd-summary">
      <ul className="nd-summary__list">
        {stateGroups.map((group) => {
          const count = group.states.reduce((sum, state) => sum + counts[state], 0);
          const current = sameStates(filter, group.states);
          return (
            <li key={group.id} className="nd-summary__item">
              <button
                type="button"
                className={`nd-summary__button${current ? ' nd-summary__button--current' : ''}`}
                aria-pressed={current}
                onClick={() => onFilter(current ? [] : [...group.states])}
              >
                <span className="nd-summary__count">{count.toLocaleString('en-GB')}</span>
                <span className="nd-summary__label">{group.label}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
