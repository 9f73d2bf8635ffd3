// The signed-in session and the chosen profile, kept in localStorage so a reload stays signed in.

export interface StoredSession {
  token: string;
  accountId: string;
  profileId?: string;
}

const KEY = 'marquee.session';
const DEVICE_KEY = 'marquee.device';
const listeners = new Set<() => void>();

export function loadSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession): void {
  localStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((fn) => fn());
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
  listeners.forEach((fn) => fn());
}

/** Re-render on sign-in/out (the App subscribes). */
export function onSessionChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** A stable id for this browser: the play API allows one stream per device. */
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = `web-${crypto.randomUUID()}`;
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}
