import { useEffect } from 'react';

/** Names the window after the page, as GOV.UK pages do: "Outbox – Notify desk". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Notify desk`;
  }, [title]);
}
