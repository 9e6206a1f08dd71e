import { useEffect, useState } from 'react';
import type { HandlerInput, MessagePreview } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';

const previewDelayMs = 250;

export interface PreviewState {
  preview: MessagePreview | null;
  error: string | null;
}

/** Asks the core to render a preview a moment after typing stops; answers to older requests are dropped. */
export function usePreview(args: HandlerInput<'templates.preview'> | null): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: null, error: null });
  const key = args ? JSON.stringify(args) : null;

  useEffect(() => {
    if (!key || !args) return;
    let current = true;
    const timer = setTimeout(() => {
      call('templates.preview', args).then(
        (preview) => current && setState({ preview, error: null }),
        (error: unknown) =>
          current && setState((previous) => ({ preview: previous.preview, error: errorMessage(error) })),
      );
    }, previewDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `key` stands for `args`: a new object with the same content must not ask again.
  }, [key]);

  return state;
}
