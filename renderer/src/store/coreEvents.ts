import { subscribe } from '../api/client';
import { useStore } from './store';

const outboxReloadDelayMs = 300;

/** Keeps the store in step with the core's pushed events. Returns a function that stops listening. */
export function connectCoreEvents(): () => void {
  let outboxReload: ReturnType<typeof setTimeout> | undefined;
  // A bulk send changes thousands of messages in bursts: reload the visible page once per burst.
  function reloadOutboxSoon(): void {
    clearTimeout(outboxReload);
    outboxReload = setTimeout(() => void useStore.getState().loadOutbox(), outboxReloadDelayMs);
  }

  const unsubscribers = [
    subscribe('outbox.changed', ({ counts }) => {
      useStore.getState().setCounts(counts);
      reloadOutboxSoon();
    }),
    subscribe('message.updated', (message) => {
      if (!useStore.getState().replaceMessage(message)) reloadOutboxSoon();
    }),
    subscribe('sync.status', (status) => useStore.getState().setSync(status)),
    subscribe('templates.changed', () => void useStore.getState().loadTemplates()),
  ];
  return () => {
    clearTimeout(outboxReload);
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
