// The account page: plan (change it), signed-in devices (revoke one), and the picked profile's viewing
// history (hide a title). Each section loads on its own so one failure leaves the others usable.
import { useState } from 'react';
import { api, describeError } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import type { Account, DeviceSession, HistoryItem, Plan } from '../types';
import { useLoad } from '../useApi';

const PLANS: ReadonlyArray<{ id: Plan; label: string }> = [
  { id: 'basic', label: 'Basic' },
  { id: 'standard', label: 'Standard' },
  { id: 'premium', label: 'Premium' },
];

const when = (iso: string): string => new Date(iso).toLocaleString();

/** Runs a change and reloads its section; the error stays next to the section it belongs to. */
function useAction(reload: () => void): { busy: boolean; error: string | null; run: (f: () => Promise<unknown>) => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (f: () => Promise<unknown>): void => {
    setBusy(true);
    setError(null);
    f().then(reload, (err: unknown) => setError(describeError(err))).finally(() => setBusy(false));
  };
  return { busy, error, run };
}

function PlanSection() {
  const account = useLoad('account', () => api<Account>('GET', '/v1/account'));
  const action = useAction(account.reload);
  const a = account.data;
  return (
    <section className="account-section" aria-label="Plan">
      <h2>Plan</h2>
      <ErrorNote error={account.error} onRetry={account.reload} />
      {a && (
        <>
          <p className="muted">
            {a.email} · {a.country} · up to {a.entitlements.maxResolution}p on {a.entitlements.concurrentStreams} screen{a.entitlements.concurrentStreams === 1 ? '' : 's'}
          </p>
          <div className="plan-choices" role="radiogroup" aria-label="Choose a plan">
            {PLANS.map((p) => (
              <button
                key={p.id}
                type="button"
                role="radio"
                aria-checked={a.plan === p.id}
                className={a.plan === p.id ? 'btn' : 'btn btn-ghost'}
                data-nav
                disabled={action.busy}
                onClick={() => a.plan !== p.id && action.run(() => api('PUT', '/v1/account/plan', { plan: p.id }))}
              >
                {p.label}
              </button>
            ))}
          </div>
        </>
      )}
      {action.error && <p role="alert">{action.error}</p>}
    </section>
  );
}

function DevicesSection() {
  const sessions = useLoad('sessions', () => api<{ items: DeviceSession[] }>('GET', '/v1/sessions').then((r) => r.items));
  const action = useAction(sessions.reload);
  return (
    <section className="account-section" aria-label="Devices">
      <h2>Devices</h2>
      <ErrorNote error={sessions.error} onRetry={sessions.reload} />
      <ul className="account-list">
        {sessions.data?.map((s) => (
          <li key={s.id} data-session-id={s.id}>
            <span>
              {s.deviceName || 'Unknown device'} {s.current && <span className="badge">This device</span>}
              <br />
              <span className="muted">Last used {when(s.lastSeenAt)}{s.ip ? ` · ${s.ip}` : ''}</span>
            </span>
            {!s.current && (
              <button type="button" className="btn btn-ghost" data-nav disabled={action.busy} onClick={() => action.run(() => api('DELETE', `/v1/sessions/${encodeURIComponent(s.id)}`))}>
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
      {action.error && <p role="alert">{action.error}</p>}
    </section>
  );
}

function HistorySection({ profileId }: { profileId: string }) {
  const url = `/v1/profiles/${encodeURIComponent(profileId)}/history`;
  const history = useLoad(url, () => api<{ items: HistoryItem[] }>('GET', `${url}?limit=50`).then((r) => r.items));
  const action = useAction(history.reload);
  return (
    <section className="account-section" aria-label="Viewing history">
      <h2>Viewing history</h2>
      <ErrorNote error={history.error} onRetry={history.reload} />
      {history.data?.length === 0 && <p className="muted">Nothing watched on this profile yet.</p>}
      <ul className="account-list">
        {history.data?.map((h) => (
          <li key={h.titleId} data-title-id={h.titleId}>
            <span>
              {h.title.name}
              <br />
              <span className="muted">{when(h.lastWatchedAt)}</span>
            </span>
            <button
              type="button"
              className="btn btn-ghost"
              data-nav
              aria-label={`Hide ${h.title.name} from history`}
              disabled={action.busy}
              onClick={() => action.run(() => api('DELETE', `${url}/${encodeURIComponent(h.titleId)}`))}
            >
              Hide
            </button>
          </li>
        ))}
      </ul>
      {action.error && <p role="alert">{action.error}</p>}
    </section>
  );
}

/** Plan, devices and viewing history of the signed-in account and picked profile. */
export function AccountPage({ profileId }: { profileId: string }) {
  return (
    <main className="account-page">
      <h1>Account</h1>
      <PlanSection />
      <DevicesSection />
      <HistorySection profileId={profileId} />
    </main>
  );
}
