import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { EditProfile } from '../components/EditProfile';
import { ErrorNote } from '../components/ErrorNote';
import { PinPrompt } from '../components/PinPrompt';
import { navigate } from '../router';
import { loadSession, saveSession } from '../session';
import type { Profile } from '../types';
import { useLoad } from '../useApi';

const AVATAR_COLOURS = ['#e50914', '#2b7de9', '#f5b50a', '#1db954', '#9b59b6', '#e67e22'];

/** Throws PIN_REQUIRED when this session has not unlocked a PIN-protected profile yet. */
async function checkUnlocked(profile: Profile): Promise<void> {
  // A cheap personal read tells whether this session already unlocked it.
  if (profile.hasPin) await api('GET', `/v1/profiles/${encodeURIComponent(profile.id)}/list?limit=1`);
}

function chooseProfile(profile: Profile): void {
  const session = loadSession();
  if (!session) return;
  saveSession({ ...session, profileId: profile.id });
  navigate('/', { replace: true });
}

/** "Who's watching?": pick, add (kids, PIN) and manage (edit, delete) profiles. */
export function ProfilesPage() {
  const profiles = useLoad('profiles', () => api<{ items: Profile[] }>('GET', '/v1/profiles'));
  const [adding, setAdding] = useState(false);
  const [locked, setLocked] = useState<Profile | null>(null);
  const [managing, setManaging] = useState(false);
  const [editing, setEditing] = useState<Profile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = profiles.data?.items ?? [];

  // Picking and editing both need a PIN-protected profile unlocked (PATCH/DELETE answer PIN_REQUIRED too).
  const pick = async (profile: Profile): Promise<void> => {
    setError(null);
    try {
      await checkUnlocked(profile);
      if (managing) setEditing(profile);
      else chooseProfile(profile);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PIN_REQUIRED') setLocked(profile);
      else setError(err);
    }
  };

  const unlocked = (profile: Profile): void => {
    setLocked(null);
    if (managing) setEditing(profile);
    else chooseProfile(profile);
  };

  return (
    <main className="profiles-page">
      <h1>{managing ? 'Manage profiles' : "Who's watching?"}</h1>
      <ErrorNote error={profiles.error ?? error} onRetry={profiles.reload} />
      <div className="profile-grid">
        {items.map((p, i) => (
          <button key={p.id} type="button" className={managing ? 'profile-tile managing' : 'profile-tile'} data-nav onClick={() => void pick(p)} aria-label={managing ? `Edit ${p.name}` : undefined}>
            <span className="avatar" style={{ background: AVATAR_COLOURS[i % AVATAR_COLOURS.length] }}>
              {p.name.slice(0, 1).toUpperCase()}
            </span>
            <span>{p.name}</span>
            {p.kids && <span className="badge">Kids</span>}
            {p.hasPin && <span className="badge">🔒</span>}
          </button>
        ))}
        {!profiles.loading && !managing && (
          <button type="button" className="profile-tile add" data-nav onClick={() => setAdding(true)}>
            <span className="avatar">+</span>
            <span>Add profile</span>
          </button>
        )}
      </div>
      {!profiles.loading && items.length > 0 && (
        <button type="button" className="btn btn-ghost profiles-manage" data-nav onClick={() => setManaging((m) => !m)}>
          {managing ? 'Done' : 'Manage profiles'}
        </button>
      )}
      {editing && <EditProfile profile={editing} onDone={() => (setEditing(null), profiles.reload())} />}
      {adding && <AddProfile onDone={() => (setAdding(false), profiles.reload())} />}
      {locked && <PinPrompt profile={locked} onCancel={() => setLocked(null)} onUnlocked={() => unlocked(locked)} />}
    </main>
  );
}

function AddProfile({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [kids, setKids] = useState(false);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    try {
      await api('POST', '/v1/profiles', { name, kids, ...(pin ? { pin } : {}) });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="modal" role="dialog" aria-label="Add profile">
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h2>Add a profile</h2>
        <label>
          Name
          <input name="profileName" autoFocus required maxLength={50} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={kids} onChange={(e) => setKids(e.target.checked)} /> Kids profile (only titles rated for children)
        </label>
        <label>
          PIN (optional, four digits)
          <input inputMode="numeric" maxLength={4} pattern="[0-9]{4}" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        </label>
        <ErrorNote error={error} />
        <div className="actions">
          <button type="submit" className="btn" data-nav>
            Save
          </button>
          <button type="button" className="btn btn-ghost" data-nav onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
