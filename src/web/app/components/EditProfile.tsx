import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { loadSession, saveSession } from '../session';
import type { Profile } from '../types';
import { ErrorNote } from './ErrorNote';

/** The API's rating scale (src/catalog/model.ts), lowest first, with its level. */
const RATINGS: readonly [string, number][] = [
  ['TV-Y', 0],
  ['TV-Y7', 1],
  ['G', 2],
  ['TV-G', 2],
  ['PG', 3],
  ['TV-PG', 3],
  ['PG-13', 4],
  ['TV-14', 4],
  ['R', 5],
  ['TV-MA', 5],
  ['NC-17', 6],
];
/** The server refuses a kids profile above G (KIDS_MAX_RATING), so the form never offers it. */
const KIDS_MAX_LEVEL = 2;
const levelOf = (rating: string): number => RATINGS.find(([r]) => r === rating)?.[1] ?? 0;

type PinChoice = 'keep' | 'set' | 'remove';

/** Only what changed: PATCH needs at least one field, and an untouched field must not be rewritten. */
function changes(profile: Profile, name: string, kids: boolean, rating: string, pinChoice: PinChoice, pin: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (name.trim() !== profile.name) body.name = name.trim();
  if (kids !== profile.kids) body.kids = kids;
  if (rating !== profile.maturityRating) body.maturityRating = rating;
  if (pinChoice === 'set') body.pin = pin;
  if (pinChoice === 'remove') body.pin = null;
  return body;
}

/** Edits a profile (name, kids, maturity, PIN) or deletes it after a confirmation; the profile is unlocked already. */
export function EditProfile({ profile, onDone }: { profile: Profile; onDone: () => void }) {
  const [name, setName] = useState(profile.name);
  const [kids, setKids] = useState(profile.kids);
  const [rating, setRating] = useState(profile.maturityRating);
  const [pinChoice, setPinChoice] = useState<PinChoice>('keep');
  const [pin, setPin] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = encodeURIComponent(profile.id);

  const toggleKids = (next: boolean): void => {
    setKids(next);
    if (next && levelOf(rating) > KIDS_MAX_LEVEL) setRating('G');
  };
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const body = changes(profile, name, kids, rating, pinChoice, pin);
    try {
      if (Object.keys(body).length > 0) await api('PATCH', `/v1/profiles/${id}`, body);
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (): Promise<void> => {
    try {
      await api('DELETE', `/v1/profiles/${id}`);
      // The stored choice must not outlive the profile: the next page would ask for a deleted one.
      const session = loadSession();
      if (session?.profileId === profile.id) saveSession({ token: session.token, accountId: session.accountId });
      onDone();
    } catch (err) {
      setError(err);
      setConfirming(false);
    }
  };

  if (confirming) {
    return (
      <div className="modal" role="alertdialog" aria-label={`Delete ${profile.name}`}>
        <div className="panel">
          <h2>Delete {profile.name}?</h2>
          <p>Its list, ratings, viewing history and progress are deleted too. This cannot be undone.</p>
          <div className="actions">
            <button type="button" className="btn btn-danger" data-nav autoFocus onClick={() => void remove()}>
              Delete profile
            </button>
            <button type="button" className="btn btn-ghost" data-nav onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="modal" role="dialog" aria-label={`Edit ${profile.name}`}>
      <form className="panel" onSubmit={(e) => void save(e)}>
        <h2>Edit profile</h2>
        <label>
          Name
          <input name="editName" autoFocus required maxLength={50} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" name="editKids" checked={kids} onChange={(e) => toggleKids(e.target.checked)} /> Kids profile
        </label>
        <label>
          Highest maturity rating
          <select name="editMaturity" value={rating} onChange={(e) => setRating(e.target.value)}>
            {RATINGS.filter(([, level]) => !kids || level <= KIDS_MAX_LEVEL).map(([r]) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label>
          PIN
          <select name="editPinChoice" value={pinChoice} onChange={(e) => setPinChoice(e.target.value as PinChoice)}>
            <option value="keep">{profile.hasPin ? 'Keep the current PIN' : 'No PIN'}</option>
            <option value="set">{profile.hasPin ? 'Change the PIN' : 'Set a PIN'}</option>
            {profile.hasPin && <option value="remove">Remove the PIN</option>}
          </select>
        </label>
        {pinChoice === 'set' && (
          <label>
            New PIN (four digits)
            <input name="editPin" inputMode="numeric" required maxLength={4} pattern="[0-9]{4}" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
          </label>
        )}
        <ErrorNote error={error} />
        <div className="actions">
          <button type="submit" className="btn" data-nav>
            Save
          </button>
          <button type="button" className="btn btn-ghost" data-nav onClick={onDone}>
            Cancel
          </button>
          <button type="button" className="btn btn-ghost btn-danger" data-nav onClick={() => setConfirming(true)}>
            Delete profile
          </button>
        </div>
      </form>
    </div>
  );
}
