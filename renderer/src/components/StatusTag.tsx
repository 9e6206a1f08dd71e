import type { Channel, MessageState } from '../../../shared/contract';
import { describeState } from '../../../shared/contract/message-state-words';
import { messageStateLooks } from '../format/messageStates';

/** A message's state in Notify's words for its channel (a delivered letter is "Printed and posted", not "Delivered"). */
export function StatusTag({ state, type, notifyStatus = null }: { state: MessageState; type: Channel; notifyStatus?: string | null }) {
  const look = messageStateLooks[state];
  return <strong className={`govuk-tag ${look.tagClass}`}>{describeState(state, type, notifyStatus)}</strong>;
}
