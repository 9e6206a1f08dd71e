import { useEffect, useState } from 'react';
import { subscribe } from '../api/client';
import { useStore } from '../store/store';
import { ErrorBanner } from './ErrorBanner';

/**
 * Desktop app: says when the core's process stopped and was restarted (or could not be), and reloads what the page
 * shows from the new one. The window itself never closed.
 */
export function CoreRestartedBanner() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(
    () =>
      subscribe('core.restarted', (notice) => {
        setMessage(notice.message);
        if (!notice.restarting) return;
        const store = useStore.getState();
        void store.loadStatus();
        void store.loadTemplates();
        void store.loadSync();
      }),
    [],
  );
  return message ? <ErrorBanner message={message} /> : null;
}
