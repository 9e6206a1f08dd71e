import type { MessageState } from '../../../shared/contract';
import { messageStateLooks } from '../format/messageStates';

export function StatusTag({ state }: { state: MessageState }) {
  const look = messageStateLooks[state];
  return <strong className={`govuk-tag ${look.tagClass}`}>{look.label}</strong>;
}
