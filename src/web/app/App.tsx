import { useEffect, useState } from 'react';
import { installRemoteKeys } from './keyboard';
import { AccountPage } from './pages/AccountPage';
import { HomePage } from './pages/HomePage';
import { SearchPage } from './pages/SearchPage';
import { AuthPage } from './pages/AuthPage';
import { PlayerPage } from './pages/PlayerPage';
import { ProfilesPage } from './pages/ProfilesPage';
import { TitlePage } from './pages/TitlePage';
import { TopBar } from './components/TopBar';
import { navigate, useRoute, type Route } from './router';
import { loadSession, onSessionChange } from './session';

/** Where a route must go instead when nobody is signed in or no profile is picked. */
function redirectFor(route: Route): string | null {
  const session = loadSession();
  if (!session) return route.page === 'login' ? null : '/login';
  if (route.page === 'login') return '/profiles';
  if (!session.profileId && route.page !== 'profiles') return '/profiles';
  return null;
}

export function App() {
  const route = useRoute();
  const [, setVersion] = useState(0);
  useEffect(() => installRemoteKeys(), []);
  useEffect(() => onSessionChange(() => setVersion((v) => v + 1)), []);

  const redirect = redirectFor(route);
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);
  if (redirect) return null;

  const profileId = loadSession()?.profileId ?? '';
  switch (route.page) {
    case 'login':
      return <AuthPage />;
    case 'profiles':
      return <ProfilesPage />;
    case 'watch':
      return <PlayerPage key={`${route.id}:${route.episodeId ?? ''}`} titleId={route.id} profileId={profileId} {...(route.episodeId ? { episodeId: route.episodeId } : {})} />;
    case 'search':
      return (
        <>
          <TopBar />
          <SearchPage initialQuery={route.q} profileId={profileId} />
        </>
      );
    case 'account':
      return (
        <>
          <TopBar />
          <AccountPage profileId={profileId} />
        </>
      );
    case 'title':
      return (
        <>
          <TopBar />
          <TitlePage key={route.id} id={route.id} profileId={profileId} />
        </>
      );
    default:
      return (
        <>
          <TopBar />
          <HomePage profileId={profileId} />
        </>
      );
  }
}
