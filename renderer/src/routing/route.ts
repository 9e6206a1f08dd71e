import { useSyncExternalStore } from 'react';

/** The page's address inside the app, kept in the URL hash so it works from any host and protocol. */
export interface Route {
  /** Path segments, e.g. ['templates', 'abc', 'edit']. */
  segments: string[];
  query: URLSearchParams;
}

function currentHash(): string {
  return window.location.hash;
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  return {
    segments: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(query),
  };
}

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribeToHash, currentHash));
}

/** Builds an in-app link target, e.g. href('templates', id, 'edit'). */
export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

export function navigate(target: string): void {
  window.location.hash = target;
}
