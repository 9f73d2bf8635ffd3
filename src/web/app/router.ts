// A tiny history router: the handful of pages do not need a routing library.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'login' }
  | { page: 'profiles' }
  | { page: 'home' }
  | { page: 'search'; q: string }
  | { page: 'account' }
  | { page: 'title'; id: string }
  | { page: 'watch'; id: string; episodeId?: string };

/** Parses a pathname such as `/title/abc` or `/watch/abc?episode=e1`. */
export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const episodeId = new URLSearchParams(search).get('episode') ?? undefined;
  if (parts[0] === 'login') return { page: 'login' };
  if (parts[0] === 'profiles') return { page: 'profiles' };
  if (parts[0] === 'search') return { page: 'search', q: new URLSearchParams(search).get('q') ?? '' };
  if (parts[0] === 'account') return { page: 'account' };
  if (parts[0] === 'title' && parts[1]) return { page: 'title', id: parts[1] };
  if (parts[0] === 'watch' && parts[1]) return episodeId ? { page: 'watch', id: parts[1], episodeId } : { page: 'watch', id: parts[1] };
  return { page: 'home' };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  // Entries the app pushed carry `inApp`, so goBack knows whether there is an app page behind them.
  const state: unknown = options.replace ? history.state : { inApp: true };
  if (options.replace) history.replaceState(state, '', to);
  else history.pushState(state, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** Back, or home when the app was opened on a deep link (nothing to go back to). */
export function goBack(): void {
  if ((history.state as { inApp?: boolean } | null)?.inApp) history.back();
  else navigate('/', { replace: true });
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(location.pathname, location.search));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
