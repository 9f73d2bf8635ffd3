import { api } from '../api';
import { navigate } from '../router';
import { clearSession, loadSession, saveSession } from '../session';

/** Logo (home), search, account, switch profile, sign out. */
export function TopBar() {
  const switchProfile = (): void => {
    const session = loadSession();
    if (session) saveSession({ token: session.token, accountId: session.accountId });
    navigate('/profiles');
  };
  const signOut = async (): Promise<void> => {
    // Sign out locally even when the server call fails (offline, already expired).
    await api('DELETE', '/v1/sessions/current').catch(() => undefined);
    clearSession();
    navigate('/login', { replace: true });
  };
  return (
    <header className="top-bar">
      <a
        className="logo"
        href="/"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
      >
        MARQUEE
      </a>
      <nav>
        <button type="button" className="link" data-nav data-testid="nav-search" onClick={() => navigate('/search')}>
          Search
        </button>
        <button type="button" className="link" data-nav onClick={() => navigate('/account')}>
          Account
        </button>
        <button type="button" className="link" data-nav onClick={switchProfile}>
          Switch profile
        </button>
        <button type="button" className="link" data-nav onClick={() => void signOut()}>
          Sign out
        </button>
      </nav>
    </header>
  );
}
