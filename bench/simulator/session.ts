/**
 * One viewing session of one profile, as client events with times relative to the session start:
 * browse (impression, maybe a search), choose a title by taste × popularity, play with heartbeats,
 * pauses and seeks, stop or complete, a qoe summary, sometimes a rating or a list add.
 */
import { EVENT_SCHEMA_VERSION, type ClientEvent, type StoredEvent } from '../../src/activity/schema.js';
import type { SimCatalog, SimTitle } from './catalog.js';
import type { SimProfile } from './population.js';
import { exponential, pickCumulative, uuid, type Random } from './prng.js';

/** An event at `at` ms after the session start (`clientTime` and `receivedAt` still to be set). */
export interface TimedEvent {
  at: number;
  event: StoredEvent;
}

/** What a profile remembers between sessions. */
export interface ViewerState {
  /** Titles finished (movies, or shows' last episode). */
  finished: Set<number>;
  /** Titles started and not finished: episode index and position in seconds. */
  inProgress: Map<number, { episode: number; positionSec: number }>;
  listed: Set<number>;
  sessions: number;
}

export interface SessionOptions {
  /** Seconds of playback between heartbeats. */
  heartbeatSec: number;
  /** Stop generating after this many events (the budget's end: the app is closed mid-play). */
  limit?: number;
}

type Common = 'id' | 'clientTime' | 'profileId' | 'deviceId' | 'deviceType';
/** An event without the fields every event shares (distributes over the union of types). */
type EventBody = ClientEvent extends infer E ? (E extends ClientEvent ? Omit<E, Common> : never) : never;

const BITRATES = [800, 1600, 3000, 4500, 6000, 8000];
const ROWS = ['home:trending', 'home:top-picks', 'home:new', 'home:because-you-watched'];

export function newViewerState(): ViewerState {
  return { finished: new Set(), inProgress: new Map(), listed: new Set(), sessions: 0 };
}

/** How well a title fits a taste: the taste mass on its genres (0–1). */
export function affinity(catalog: SimCatalog, profile: SimProfile, title: number): number {
  let sum = 0;
  for (const g of catalog.genreIndexes[title] as number[]) sum += profile.taste[g] as number;
  return Math.min(1, sum);
}

/** Share of fresh picks drawn by overall popularity rather than by taste. */
export const GLOBAL_PICK_SHARE = 0.1;
/** Share of fresh picks drawn from the profile's taste communities (the rest: from its genres). */
export const COMMUNITY_PICK_SHARE = 0.45;

/**
 * Draws a title: a taste community then a title of it by popularity, or a taste genre then a title
 * of it by popularity, sometimes anything popular.
 */
export function chooseTitle(random: Random, catalog: SimCatalog, profile: SimProfile, state: ViewerState): number {
  if (state.inProgress.size > 0 && random.chance(0.4)) {
    // Continue watching: the most recently started title first, usually.
    const started = [...state.inProgress.keys()];
    return started[started.length - 1 - Math.min(started.length - 1, Math.floor(exponential(random, 0.7)))] as number;
  }
  let title = 0;
  for (let attempt = 0; attempt < 6; attempt++) {
    const draw = random.next();
    if (draw < GLOBAL_PICK_SHARE) {
      title = pickCumulative(random, catalog.cumulative);
    } else if (draw < GLOBAL_PICK_SHARE + COMMUNITY_PICK_SHARE && profile.communities.length > 0) {
      const community = catalog.communities[pickCommunity(random, profile)];
      if (!community || community.titles.length === 0) continue;
      title = community.titles[pickCumulative(random, community.cumulative)] as number;
    } else {
      const genre = catalog.byGenre[pickCumulative(random, cumulativeOf(profile))];
      if (!genre || genre.titles.length === 0) continue;
      title = genre.titles[pickCumulative(random, genre.cumulative)] as number;
    }
    // Finished titles are mostly not watched again.
    if (!state.finished.has(title) || random.chance(0.05)) return title;
  }
  return title;
}

function pickCommunity(random: Random, profile: SimProfile): number {
  let left = random.next();
  for (const c of profile.communities) if ((left -= c.weight) < 0) return c.index;
  return (profile.communities[profile.communities.length - 1] as SimProfile['communities'][number]).index;
}

const tasteCumulative = new WeakMap<SimProfile, Float64Array>();
function cumulativeOf(profile: SimProfile): Float64Array {
  let c = tasteCumulative.get(profile);
  if (!c) {
    c = new Float64Array(profile.taste.length);
    let sum = 0;
    profile.taste.forEach((w, i) => ((c as Float64Array)[i] = sum += w));
    tasteCumulative.set(profile, c);
  }
  return c;
}

/** Generates one session's events; updates `state`. */
export function simulateSession(random: Random, catalog: SimCatalog, profile: SimProfile, state: ViewerState, options: SessionOptions): TimedEvent[] {
  const out: TimedEvent[] = [];
  const device = profile.devices[random.int(0, profile.devices.length - 1)] as SimProfile['devices'][number];
  // Built whole, server fields included (filled in by the caller), so no object changes shape later.
  const push = (at: number, event: EventBody) =>
    out.push({
      at: Math.round(at),
      event: { v: EVENT_SCHEMA_VERSION, id: uuid(random), clientTime: 0, profileId: profile.id, deviceId: device.id, deviceType: device.type, ...event, accountId: profile.accountId, country: profile.country, receivedAt: 0 } as StoredEvent,
    });
  const titleIndex = chooseTitle(random, catalog, profile, state);
  const title = catalog.titles[titleIndex] as SimTitle;
  const fit = affinity(catalog, profile, titleIndex);
  const sessionNo = ++state.sessions;
  let t = 0;

  if (random.chance(0.55)) {
    const shown = new Set<number>();
    const want = random.int(8, 20);
    for (let i = 0; i < want * 2 && shown.size < want; i++) shown.add(pickCumulative(random, catalog.cumulative));
    if (random.chance(0.6)) shown.add(titleIndex);
    const titleIds = [...shown].map((i) => (catalog.titles[i] as SimTitle).id);
    push(t, { type: 'impression', row: random.pick(ROWS), titleIds, positions: titleIds.map((_, i) => i) });
    t += 2000 + exponential(random, 8000);
  }
  if (random.chance(0.12)) {
    const clicked = random.chance(0.8);
    push(t, { type: 'search', query: random.pick(title.genres.length > 0 ? title.genres : ['new']), resultCount: random.int(clicked ? 1 : 0, 40), ...(clicked ? { clickedTitleId: title.id } : {}) });
    t += 1000 + exponential(random, 5000);
  }
  if (!state.listed.has(titleIndex) && random.chance(fit > 0.2 ? 0.06 : 0.015)) {
    state.listed.add(titleIndex);
    push(t, { type: 'list_add', titleId: title.id });
    t += 1000;
  }

  // What is played: a movie, or the show's current episode.
  const progress = state.inProgress.get(titleIndex) ?? { episode: 0, positionSec: 0 };
  const episode = title.episodes?.[Math.min(progress.episode, title.episodes.length - 1)];
  const durationSec = (episode?.runtimeMinutes ?? title.runtimeMinutes) * 60;
  const playback = { titleId: title.id, ...(episode ? { episodeId: episode.id } : {}), playbackSessionId: `${profile.id}-s${sessionNo}` };
  let position = progress.positionSec < durationSec - 60 ? progress.positionSec : 0;
  // Matching titles are watched to the end far more often; mismatches are abandoned early.
  const completes = random.chance(0.12 + 0.8 * Math.min(1, fit * 2));
  const endAt = completes ? durationSec : position + (durationSec - position) * random.float(0.03, fit > 0.2 ? 0.9 : 0.35);

  const startupMs = Math.round(300 + exponential(random, 700));
  push(t, { type: 'play_start', ...playback, positionSec: position });
  t += startupMs;
  const cap = device.type === 'mobile' ? 3 : device.type === 'tv' ? 5 : 4;
  let rung = random.int(1, cap);
  let switches = 0;
  let rebufferCount = 0;
  let rebufferMs = 0;
  let playedMs = 0;
  const limit = options.limit ?? Infinity;
  while (position < endAt) {
    if (out.length >= limit) {
      state.inProgress.set(titleIndex, { episode: progress.episode, positionSec: Math.floor(position) });
      return out;
    }
    const step = Math.min(options.heartbeatSec, endAt - position);
    position += step;
    t += step * 1000;
    playedMs += step * 1000;
    if (random.chance(0.02)) {
      const stall = Math.round(200 + exponential(random, 1500));
      rebufferCount++;
      rebufferMs += stall;
      t += stall;
      if (rung > 0) {
        rung--;
        switches++;
      }
    } else if (rung < cap && random.chance(0.05)) {
      rung++;
      switches++;
    }
    if (position >= endAt) break;
    push(t, { type: 'heartbeat', ...playback, positionSec: round1(position), durationSec, bitrateKbps: BITRATES[rung] as number, bufferSec: round1(random.float(8, 30)) });
    if (random.chance(0.008)) {
      push(t + 100, { type: 'pause', ...playback, positionSec: round1(position) });
      t += 100 + exponential(random, 90_000);
      push(t, { type: 'resume', ...playback, positionSec: round1(position) });
    } else if (random.chance(0.005)) {
      const to = Math.max(0, Math.min(durationSec - 1, position + random.float(-300, 300)));
      push(t + 100, { type: 'seek', ...playback, fromSec: round1(position), toSec: round1(to) });
      position = to;
    }
  }
  t += 500;
  if (completes) {
    push(t, { type: 'complete', ...playback, durationSec });
    const nextEpisode = progress.episode + 1;
    if (title.episodes && nextEpisode < title.episodes.length) state.inProgress.set(titleIndex, { episode: nextEpisode, positionSec: 0 });
    else {
      state.inProgress.delete(titleIndex);
      state.finished.add(titleIndex);
    }
  } else {
    push(t, { type: 'stop', ...playback, positionSec: round1(Math.min(position, durationSec)), durationSec });
    state.inProgress.delete(titleIndex);
    // Only titles that held the viewer are resumed later.
    if (fit > 0.1 || random.chance(0.2)) state.inProgress.set(titleIndex, { episode: progress.episode, positionSec: Math.floor(position) });
  }
  push(t + 50, {
    type: 'qoe', ...playback, startupMs, rebufferCount, rebufferMs, playedMs: Math.round(playedMs), bitrateSwitches: switches,
    droppedFrames: Math.floor(exponential(random, 40)), ...(random.chance(0.003) ? { errorCode: 'MEDIA_ERR_DECODE' } : {}),
  });
  if (random.chance(completes ? 0.25 : 0.08)) {
    const roll = random.next();
    const rating = fit > 0.25 ? (roll < 0.2 ? 'double_up' : roll < 0.9 ? 'up' : 'down') : fit < 0.05 ? (roll < 0.75 ? 'down' : 'up') : roll < 0.5 ? 'up' : 'down';
    push(t + 3000, { type: 'rating', titleId: title.id, rating });
  }
  return out;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
