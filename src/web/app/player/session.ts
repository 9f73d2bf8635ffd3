// The server side of one viewing: start it (POST /v1/play), keep its stream lease alive with heartbeats
// carrying the position, and stop it when the viewer leaves (so the stream slot frees at once).
import { api } from '../api';
import { deviceId, loadSession } from '../session';
import type { PlayResponse } from '../types';

export interface PlayRequest {
  profileId: string;
  titleId: string;
  episodeId?: string;
}

export function startPlay(request: PlayRequest): Promise<PlayResponse> {
  const { profileId, titleId, episodeId } = request;
  return api<PlayResponse>('POST', '/v1/play', { profileId, ...(episodeId ? { episodeId } : { titleId }), device: { id: deviceId(), type: 'web' } });
}

/**
 * Sends a heartbeat every `heartbeatIntervalSec` with the current position; `onError` hears a failed one
 * (an expired session ends the stream). Returns the stopper, which also ends the session on the server.
 */
export function keepAlive(play: PlayResponse, position: () => { positionSec: number; durationSec?: number }, onError: (err: unknown) => void): () => void {
  const url = `/v1/play/${encodeURIComponent(play.sessionId)}`;
  const body = (): Record<string, number> => {
    const { positionSec, durationSec } = position();
    return { positionSec: Math.max(0, positionSec), ...(durationSec && Number.isFinite(durationSec) ? { durationSec } : {}) };
  };
  const beat = (): void => {
    api('POST', `${url}/heartbeat`, body()).catch(onError);
  };
  const timer = window.setInterval(beat, Math.max(1, play.heartbeatIntervalSec) * 1000);
  // pagehide: the tab closes or navigates away; keepalive lets the DELETE outlive the page.
  const stop = (): void => {
    window.clearInterval(timer);
    window.removeEventListener('pagehide', stop);
    const token = loadSession()?.token;
    const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    // The last position first (resume starts there), then the end of the session.
    const last = JSON.stringify(body());
    void fetch(`${url}/heartbeat`, { method: 'POST', keepalive: true, headers: { ...auth, 'content-type': 'application/json' }, body: last })
      .catch(() => undefined)
      .then(() => fetch(url, { method: 'DELETE', keepalive: true, headers: auth }))
      .catch(() => undefined);
  };
  window.addEventListener('pagehide', stop);
  return stop;
}
