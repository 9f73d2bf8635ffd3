import { useState, type FormEvent } from 'react';
import { api } from '../api';
import type { Profile } from '../types';
import { ErrorNote } from './ErrorNote';

/** Asks for a locked profile's four-digit PIN and unlocks it for this session. */
export function PinPrompt({ profile, onUnlocked, onCancel }: { profile: Profile; onUnlocked: () => void; onCancel: () => void }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    try {
      await api('POST', `/v1/profiles/${encodeURIComponent(profile.id)}/unlock`, { pin });
      onUnlocked();
    } catch (err) {
      setError(err);
      setPin('');
    }
  };
  return (
    <div className="modal" role="dialog" aria-label={`PIN for ${profile.name}`}>
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h2>Enter the PIN for {profile.name}</h2>
        <input
          autoFocus
          inputMode="numeric"
          pattern="[0-9]{4}"
          maxLength={4}
          type="password"
          aria-label="PIN"
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
        <ErrorNote error={error} />
        <div className="actions">
          <button type="submit" className="btn" data-nav disabled={pin.length !== 4}>
            Unlock
          </button>
          <button type="button" className="btn btn-ghost" data-nav onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
