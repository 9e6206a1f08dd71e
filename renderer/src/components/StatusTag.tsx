import type { Channel, MessageState } from '../../../shared/contract';
import { describeState } from '../../../shared/message-state-words';
import { messageStateLooks, statesAtNotify } from '../format/messageStates';

/** A message's state; once Notify has it, in Notify's words for its channel (a delivered letter is "Printed and posted"). */
export function StatusTag({
  state,
  type,
  notifyStatus = null,
}: {
  state: MessageState;
  type: Channel;
  notifyStatus?: string | null;
}) {
  const look = messageStateLooks[state];
  const words = statesAtNotify.includes(state) ? describeState(state, type, notifyStatus) : look.label;
  return <strong className={`govuk-tag ${look.tagClass}`}>{words}</strong>;
}
