import type { CoreEventName, CoreEvents } from '../../../shared/contract';
import type { NotifyDeskBridge, Transport } from './transport';

export function createElectronTransport(bridge: NotifyDeskBridge): Transport {
  return {
    invoke: (name, args) => bridge.invoke(name, args),
    on: <E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void) =>
      // The core is the only sender on this channel and it emits the payload CoreEvents declares.
      bridge.on(event, (payload) => listener(payload as CoreEvents[E])),
  };
}
