import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { navigate } from '../router';
import { saveSession } from '../session';

interface SignedIn {
  token: string;
  accountId: string;
}

/** Sign up (creates the account, then signs in) or sign in; then on to the profile picker. */
export function AuthPage() {
  const [mode, setMode] = useState<'signup' | 'signin'>('signup');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [country, setCountry] = useState('US');
  const [plan, setPlan] = useState('standard');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'signup') await api('POST', '/v1/accounts', { email, password, country: country.toUpperCase(), plan });
      const signed = await api<SignedIn>('POST', '/v1/sessions', { email, password, deviceName: `Web (${navigator.platform || 'browser'})` });
      saveSession({ token: signed.token, accountId: signed.accountId });
      navigate('/profiles', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <h1 className="logo">MARQUEE</h1>
      <form className="panel auth-form" onSubmit={(e) => void submit(e)}>
        <h2>{mode === 'signup' ? 'Create your account' : 'Sign in'}</h2>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
            required
            minLength={mode === 'signup' ? 8 : 1}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {mode === 'signup' && (
          <div className="two">
            <label>
              Country
              <input name="country" maxLength={2} required value={country} onChange={(e) => setCountry(e.target.value)} />
            </label>
            <label>
              Plan
              <select name="plan" value={plan} onChange={(e) => setPlan(e.target.value)}>
                <option value="basic">Basic (720p)</option>
                <option value="standard">Standard (1080p)</option>
                <option value="premium">Premium (4K)</option>
              </select>
            </label>
          </div>
        )}
        <ErrorNote error={error} />
        <button type="submit" className="btn btn-wide" data-nav disabled={busy}>
          {mode === 'signup' ? 'Sign up' : 'Sign in'}
        </button>
        <button type="button" className="link" data-nav onClick={() => setMode(mode === 'signup' ? 'signin' : 'signup')}>
          {mode === 'signup' ? 'Already a member? Sign in' : 'New to Marquee? Sign up'}
        </button>
      </form>
    </main>
  );
}
