// Wires one viewing's player and video element to the QoE collector and the event sender: playback
// events as they happen, a `qoe` snapshot every 30 s and at the end, batches to POST /v1/events, and
// a sendBeacon to the beacon form when the page goes away (a fetch may not outlive it).
import type shaka from 'shaka-player/dist/shaka-player.compiled.js';
import { loadSession } from '../session';
import { EventSender, QoeCollector, type ClientEvent, type EventTransport, type PlaybackContext } from './qoe';

const REPORT_INTERVAL_MS = 30_000;

/** Seconds as the schema wants them: ≥ 0, millisecond precision (less noise in the log). */
const sec = (value: number): number => Math.max(0, Math.round(value * 1000) / 1000);

/** POST /v1/events with the session token; sendBeacon to the beacon form, which takes it in the body. */
export const httpTransport: EventTransport = {
  async post(events: readonly ClientEvent[]): Promise<boolean> {
    const token = loadSession()?.token;
    if (!token) return true; // signed out: nobody to attribute the events to, so drop them
    // keepalive: the final batch is sent as the player unmounts and must survive the navigation.
    const res = await fetch('/v1/events', {
      method: 'POST',
      keepalive: true,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    // Only a server-side failure is worth a retry; a 4xx would be refused again the same way.
    return res.status < 500;
  },
  beacon(events: readonly ClientEvent[]): boolean {
    const token = loadSession()?.token;
    if (!token || typeof navigator.sendBeacon !== 'function') return false;
    // A string body goes out as text/plain: no CORS preflight, which a page being unloaded cannot wait for.
    return navigator.sendBeacon('/v1/events/beacon', JSON.stringify({ token, events }));
  },
};

export interface Reporting {
  /** A player error (Shaka code), also those thrown by load(). */
  error(code: string | number): void;
  /** The viewer left the player: stop and qoe events, sent at once. Idempotent. */
  stop(): void;
}

/** Starts reporting for a viewing; `requestedAt` is performance.now() when Play was asked for. */
export function startReporting(player: shaka.Player, element: HTMLVideoElement, context: PlaybackContext, requestedAt: number, transport: EventTransport = httpTransport): Reporting {
  const qoe = new QoeCollector(requestedAt);
  const sender = new EventSender(context, transport);
  // droppedVideoFrames counts for the element; the baseline keeps an earlier viewing in it out.
  const dropped = (): number => element.getVideoPlaybackQuality?.().droppedVideoFrames ?? 0;
  const droppedAtStart = dropped();
  let lastPosition = element.currentTime;
  let paused = false;
  let done = false;

  // Shaka's playTime is seconds spent in the playing state; it gives the rebuffer ratio its denominator.
  const playedMs = (): number => Math.max(0, Math.round((player.getStats().playTime || 0) * 1000));
  const snapshot = (): void => sender.add({ type: 'qoe', ...qoe.snapshot(performance.now(), dropped() - droppedAtStart), playedMs: playedMs() });
  const stopEvent = (): void => {
    const duration = element.duration;
    if (qoe.started && Number.isFinite(duration) && duration > 0) sender.add({ type: 'stop', positionSec: sec(element.currentTime), durationSec: sec(duration) });
  };

  const onPlaying = (): void => {
    if (qoe.started) return;
    qoe.firstFrame(performance.now());
    sender.add({ type: 'play_start', positionSec: sec(element.currentTime) });
    void sender.flush();
  };
  const onPause = (): void => {
    // The end of the media also pauses the element; that is `complete`, not a pause.
    if (!qoe.started || element.ended || paused) return;
    paused = true;
    sender.add({ type: 'pause', positionSec: sec(element.currentTime) });
  };
  const onPlay = (): void => {
    if (!paused) return;
    paused = false;
    sender.add({ type: 'resume', positionSec: sec(element.currentTime) });
  };
  const onTime = (): void => {
    if (!element.seeking) lastPosition = element.currentTime;
  };
  const onSeeking = (): void => {
    if (qoe.started) sender.add({ type: 'seek', fromSec: sec(lastPosition), toSec: sec(element.currentTime) });
  };
  const onEnded = (): void => {
    if (Number.isFinite(element.duration) && element.duration > 0) sender.add({ type: 'complete', durationSec: sec(element.duration) });
    void sender.flush();
  };
  const onBuffering = (event: Event): void => {
    const buffering = (event as Event & { buffering?: unknown }).buffering;
    if (typeof buffering === 'boolean') qoe.buffering(buffering, performance.now(), element.seeking);
  };
  const onVariant = (): void => qoe.variantActive(player.getVariantTracks().find((t) => t.active)?.id ?? null);
  const onError = (event: Event): void => {
    const detail = (event as Event & { detail?: { code?: unknown } }).detail;
    if (typeof detail?.code === 'number') qoe.error(detail.code);
  };

  const media: [string, (event: Event) => void][] = [
    ['playing', onPlaying],
    ['pause', onPause],
    ['play', onPlay],
    ['timeupdate', onTime],
    ['seeking', onSeeking],
    ['ended', onEnded],
  ];
  const shakaEvents: [string, (event: Event) => void][] = [
    ['buffering', onBuffering],
    ['adaptation', onVariant],
    ['variantchanged', onVariant],
    ['error', onError],
  ];
  for (const [name, fn] of media) element.addEventListener(name, fn);
  for (const [name, fn] of shakaEvents) player.addEventListener(name, fn);
  const timer = window.setInterval(() => {
    snapshot();
    void sender.flush();
  }, REPORT_INTERVAL_MS);

  const finish = (send: () => void): void => {
    if (done) return;
    done = true;
    window.clearInterval(timer);
    window.removeEventListener('pagehide', onPageHide);
    for (const [name, fn] of media) element.removeEventListener(name, fn);
    for (const [name, fn] of shakaEvents) player.removeEventListener(name, fn);
    stopEvent();
    snapshot();
    send();
  };
  function onPageHide(): void {
    finish(() => sender.beacon());
  }
  window.addEventListener('pagehide', onPageHide);

  return {
    error: (code) => qoe.error(code),
    stop: () => finish(() => void sender.flush()),
  };
}
