import { EventEmitter } from 'node:events';
import type { CoreEventName, CoreEvents } from '../../shared/contract';

export type CoreEventListener = <E extends CoreEventName>(event: E, payload: CoreEvents[E]) => void;

/** The core's pushed events, typed by the contract; every host forwards them to its UI. */
export class CoreEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  emit<E extends CoreEventName>(event: E, payload: CoreEvents[E]): void {
    this.emitter.emit('event', event, payload);
  }

  /** Listens to every event; returns the function that stops listening. */
  onAny(listener: CoreEventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
