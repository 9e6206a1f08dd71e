import { subscribe } from '../api/client';
import { useStore } from './store';

const reloadEveryMs = 300;

/**
 * Runs `load` at most once per `reloadEveryMs`, however often it is asked for: a bulk send changes thousands of
 * messages in bursts, and a steady stream of events must still refresh the page.
 */
function throttled(load: () => Promise<void>): { request(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    request() {
      timer ??= setTimeout(() => {
        timer = undefined;
        void load();
      }, reloadEveryMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** Keeps the store in step with the core's pushed events. Returns a function that stops listening. */
export function connectCoreEvents(): () => void {
  const outbox = throttled(() => useStore.getState().loadOutbox());
  const batches = throttled(() => useStore.getState().loadBatches());

  const unsubscribers = [
    subscribe('outbox.changed', ({ counts }) => {
      useStore.getState().setCounts(counts);
      outbox.request();
      batches.request();
    }),
    subscribe('message.updated', (message) => {
      if (!useStore.getState().replaceMessage(message)) outbox.request();
    }),
    subscribe('sync.status', (status) => useStore.getState().setSync(status)),
    subscribe('templates.changed', () => void useStore.getState().loadTemplates()),
    subscribe('import.progress', (progress) => {
      if (progress.finished) batches.request();
    }),
    subscribe('inbox.changed', ({ unread }) => useStore.getState().setUnreadReplies(unread)),
  ];
  return () => {
    outbox.cancel();
    batches.cancel();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
