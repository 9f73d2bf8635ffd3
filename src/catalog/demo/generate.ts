/**
 * Generates a believable, fully synthetic catalog (movies, shows, genres, cast, availability) from a
 * seed. The same seed, counts and `now` always produce the same catalog.
 */
import type { Availability, Genre, MaturityRating, TitleInput, TitleKind } from '../model.js';
import { Random, type Seed, type Weighted } from './random.js';
import { pickCast, pickCrew, type CastMember } from './people.js';
import { fill, pickFresh, pickName, unknownSlot, writeSynopsis } from './text.js';
import { EPISODE_BEATS, EPISODE_WORDS, GENRES, NON_FICTION_MOODS, type GenreDefinition, type Mood } from './words.js';

/** What {@link generateCatalog} needs. */
export interface GenerateOptions {
  seed: Seed;
  movies: number;
  shows: number;
  /** The moment availability windows and release years are anchored on. */
  now: Date;
}

/** A generated catalog, ready for `CatalogService.importCatalog(genres, titles)`. */
export interface GeneratedCatalog {
  genres: Genre[];
  titles: TitleInput[];
}

/** The seed of the demo catalog. */
export const DEMO_SEED = 20_251_031;
/** How many titles the demo catalog has. */
export const DEMO_COUNTS = { movies: 320, shows: 45 } as const;
/** Countries the demo titles are licensed in (ISO 3166-1 alpha-2). */
export const DEMO_COUNTRIES = ['US', 'GB', 'DE', 'FR', 'BR', 'JP', 'IN', 'ES', 'KR', 'MX'] as const;

/** The demo catalog: {@link generateCatalog} with {@link DEMO_SEED} and {@link DEMO_COUNTS}. */
export function demoCatalog(now: Date = new Date()): GeneratedCatalog {
  return generateCatalog({ seed: DEMO_SEED, ...DEMO_COUNTS, now });
}

/** Generates `movies` movies (`mv-0001`…) and `shows` shows (`sh-0001`…) plus every genre. */
export function generateCatalog(options: GenerateOptions): GeneratedCatalog {
  const { seed, movies, shows, now } = options;
  for (const [label, count] of [['movies', movies], ['shows', shows]] as const) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`${label} must be a non-negative integer`);
  }
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const root = new Random(seed);
  const context: Context = {
    today: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
    nowYear: now.getUTCFullYear(),
    usedNames: new Set(),
    isoDates: new Map(),
  };
  const titles: TitleInput[] = [];
  for (let i = 1; i <= movies; i++) titles.push(generateTitle(root.fork(`movie:${i}`), 'movie', `mv-${pad(i, 4)}`, context));
  for (let i = 1; i <= shows; i++) titles.push(generateTitle(root.fork(`show:${i}`), 'show', `sh-${pad(i, 4)}`, context));
  return { genres: GENRES.map(({ id, name }) => ({ id, name })), titles };
}

// ---------------------------------------------------------------------------------------------

interface Context {
  /** Start of `now`'s UTC day, in ms; windows start and end on day boundaries. */
  today: number;
  nowYear: number;
  /** Lower-cased names already given, for de-duplication. */
  usedNames: Set<string>;
  /** `toISOString()` of day boundaries already formatted (windows only use a few thousand days). */
  isoDates: Map<number, string>;
}


type AvailabilityPlan = 'wide' | 'exclusive' | 'upcoming';
type WindowState = 'open' | 'ending' | 'expired' | 'future';

const DAY_MS = 86_400_000;
const AVAILABILITY_PLANS: readonly Weighted<AvailabilityPlan>[] = [['wide', 88], ['exclusive', 8], ['upcoming', 4]];
const WINDOW_STATES: readonly Weighted<WindowState>[] = [['open', 86], ['ending', 6], ['expired', 5], ['future', 3]];
const GENRE_COUNTS: readonly Weighted<number>[] = [[1, 30], [2, 45], [3, 25]];
const DUB_COUNTS: readonly Weighted<number>[] = [[0, 25], [1, 25], [2, 25], [3, 15], [4, 10]];
const SEASON_COUNTS: readonly Weighted<number>[] = [[1, 30], [2, 25], [3, 20], [4, 15], [5, 10]];
const GENRE_BY_ID = new Map(GENRES.map((g) => [g.id, g]));
const COMPANIONS = new Map(
  GENRES.map((g) => [g, g.companions.flatMap((id) => GENRE_BY_ID.get(id) ?? [])] as const),
);
const PRIMARY_WEIGHTS: Readonly<Record<TitleKind, readonly Weighted<GenreDefinition>[]>> = {
  movie: GENRES.map((g) => [g, g.weight.movie]),
  show: GENRES.map((g) => [g, g.weight.show]),
};
const MOVIE_RATINGS: readonly MaturityRating[] = ['G', 'G', 'G', 'PG', 'PG-13', 'R', 'NC-17'];
const SHOW_RATINGS: readonly MaturityRating[] = ['TV-Y', 'TV-Y7', 'TV-G', 'TV-PG', 'TV-14', 'TV-MA', 'TV-MA'];
const ORIGINAL_LANGUAGES: readonly Weighted<string>[] = [
  ['en', 50], ['es', 9], ['fr', 7], ['de', 5], ['ja', 6], ['ko', 8], ['hi', 7], ['pt', 4], ['it', 4],
];
const DUB_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'ja', 'ko', 'hi'] as const;
const SUBTITLE_LANGUAGES = [...DUB_LANGUAGES, 'nl', 'sv', 'pl', 'tr', 'ar', 'zh', 'id', 'th'] as const;
const HOME_COUNTRIES: Readonly<Record<string, readonly string[]>> = {
  en: ['US', 'GB'], es: ['ES', 'MX'], fr: ['FR'], de: ['DE'], ja: ['JP'], ko: ['KR'], hi: ['IN'], pt: ['BR'],
};
const MOVIE_RUNTIMES: Partial<Record<Mood, readonly [number, number]>> = {
  kids: [80, 95], standup: [80, 95], doc: [82, 115], truecrime: [85, 115], epic: [105, 150], action: [92, 135], dark: [88, 125],
};
const EPISODE_RUNTIMES: Partial<Record<Mood, readonly [number, number]>> = {
  kids: [20, 24], light: [22, 30], standup: [22, 30], reality: [40, 50], doc: [42, 55], truecrime: [42, 55],
};
const CHAPTER_WORDS = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'] as const;

function generateTitle(rng: Random, kind: TitleKind, id: string, context: Context): TitleInput {
  const genres = pickGenres(rng, kind);
  const primary = genres[0] as GenreDefinition;
  const mood = primary.mood;
  const plan = rng.weighted(AVAILABILITY_PLANS);
  const originalLanguage = genres.some((g) => g.id === 'anime') ? 'ja' : rng.weighted(ORIGINAL_LANGUAGES);
  const releaseYear = plan === 'upcoming' && rng.chance(0.7) ? context.nowYear : pickYear(rng, kind, mood, context.nowYear);
  const cast = pickCast(rng, mood, originalLanguage);
  const lead = cast[0] as CastMember;
  const runtimeMinutes = pickRuntime(rng, kind, mood);
  const audioLanguages = pickAudio(rng, originalLanguage, mood);
  const title: TitleInput = {
    id,
    kind,
    name: pickName(rng, mood, lead, context.usedNames),
    synopsis: writeSynopsis(rng, mood, primary, lead),
    releaseYear,
    runtimeMinutes,
    maturityRating: pickMaturity(rng, kind, genres),
    genres: genres.map((g) => g.id),
    people: [...cast.map((c) => c.person), ...pickCrew(rng, kind, originalLanguage, cast)],
    originalLanguage,
    audioLanguages,
    subtitleLanguages: pickSubtitles(rng, audioLanguages),
    availability: pickAvailability(rng, plan, originalLanguage, releaseYear, context),
    popularity: pickPopularity(rng, context.nowYear - releaseYear, plan),
  };
  if (kind === 'show') title.seasons = pickSeasons(rng, id, mood, cast, runtimeMinutes, context.nowYear - releaseYear);
  return title;
}

// ---- genres and ratings ----

function pickGenres(rng: Random, kind: TitleKind): GenreDefinition[] {
  const primary = rng.weighted(PRIMARY_WEIGHTS[kind]);
  const count = rng.weighted(GENRE_COUNTS);
  let chosen = [primary, ...rng.sample(COMPANIONS.get(primary) ?? [], count - 1)];
  if (chosen.some((g) => g.id === 'kids' || g.id === 'family')) {
    chosen = chosen.filter((g) => g.id !== 'horror' && g.id !== 'true-crime');
  }
  const animation = GENRE_BY_ID.get('animation');
  if (primary.id === 'anime' && animation && !chosen.includes(animation)) chosen = [...chosen.slice(0, 2), animation];
  return chosen;
}

function pickMaturity(rng: Random, kind: TitleKind, genres: readonly GenreDefinition[]): MaturityRating {
  const primary = genres[0] as GenreDefinition;
  const ids = new Set(genres.map((g) => g.id));
  let level = rng.weightedIndex(primary.maturity);
  if (ids.has('kids')) level = Math.min(level, 2);
  else if (ids.has('family')) level = Math.min(level, 3);
  if (ids.has('horror')) level = Math.max(level, 4);
  else if (['crime', 'thriller', 'war', 'true-crime'].some((id) => ids.has(id))) level = Math.max(level, 3);
  const ratings = kind === 'movie' ? MOVIE_RATINGS : SHOW_RATINGS;
  return ratings[level] as MaturityRating;
}

// ---- dates, lengths, languages ----

function pickYear(rng: Random, kind: TitleKind, mood: Mood, nowYear: number): number {
  const earliest = mood === 'reality' ? 2000 : mood === 'standup' ? 1985 : kind === 'show' ? 1975 : 1960;
  const span = Math.max(0, nowYear - earliest);
  // Cubic-ish skew: most titles are recent, a long tail reaches back to `earliest`.
  return nowYear - Math.floor((span + 1) * rng.next() ** (kind === 'show' ? 3 : 2.4));
}

function pickRuntime(rng: Random, kind: TitleKind, mood: Mood): number {
  const [min, max] = kind === 'movie' ? MOVIE_RUNTIMES[mood] ?? [85, 130] : EPISODE_RUNTIMES[mood] ?? [42, 60];
  return Math.round((rng.int(min, max) + rng.int(min, max)) / 2);
}

function pickAudio(rng: Random, original: string, mood: Mood): string[] {
  const dubs = DUB_LANGUAGES.filter((l) => l !== original);
  const count = rng.weighted(DUB_COUNTS) + (mood === 'kids' ? 2 : 0);
  const chosen = rng.sample(dubs, count);
  if (original !== 'en' && !chosen.includes('en') && rng.chance(0.6)) chosen.unshift('en');
  return [original, ...chosen];
}

function pickSubtitles(rng: Random, audio: readonly string[]): string[] {
  const extra = rng.sample(SUBTITLE_LANGUAGES.filter((l) => !audio.includes(l)), rng.int(2, 6));
  return [...audio, ...extra];
}

function pickAvailability(
  rng: Random,
  plan: AvailabilityPlan,
  language: string,
  releaseYear: number,
  context: Context,
): Availability[] {
  const { today } = context;
  const since = Math.max(Date.UTC(releaseYear, 0, 1), today - 6 * 365 * DAY_MS);
  const maxDaysAgo = Math.max(1, Math.floor((today - since) / DAY_MS));
  let countries: string[];
  if (plan === 'exclusive') {
    const home = (HOME_COUNTRIES[language] ?? []).filter((c) => (DEMO_COUNTRIES as readonly string[]).includes(c));
    countries = home.length > 0 ? rng.sample(home, rng.int(1, home.length)) : [rng.pick(DEMO_COUNTRIES)];
  } else {
    countries = DEMO_COUNTRIES.filter(() => rng.chance(0.85));
    if (countries.length < 5) {
      const rest = rng.shuffle(DEMO_COUNTRIES.filter((c) => !countries.includes(c)));
      countries = [...countries, ...rest.slice(0, 5 - countries.length)];
    }
  }
  return countries.map((country) => {
    let state: WindowState = plan === 'upcoming' ? 'future' : rng.weighted(WINDOW_STATES);
    if (state === 'expired' && maxDaysAgo < 120) state = 'open';
    return window(rng, country, state, context, maxDaysAgo);
  });
}

function window(rng: Random, country: string, state: WindowState, context: Context, maxDaysAgo: number): Availability {
  const { today } = context;
  const iso = (ms: number): string => {
    let text = context.isoDates.get(ms);
    if (text === undefined) {
      text = new Date(ms).toISOString();
      context.isoDates.set(ms, text);
    }
    return text;
  };
  const past = today - rng.int(1, maxDaysAgo) * DAY_MS;
  switch (state) {
    case 'open':
      return { country, from: iso(past), until: null };
    case 'ending':
      return { country, from: iso(past), until: iso(today + rng.int(7, 120) * DAY_MS) };
    case 'expired': {
      const until = today - rng.int(1, Math.min(365, maxDaysAgo - 60)) * DAY_MS;
      return { country, from: iso(until - rng.int(60, 900) * DAY_MS), until: iso(until) };
    }
    case 'future': {
      const from = today + rng.int(1, 90) * DAY_MS;
      return { country, from: iso(from), until: rng.chance(0.3) ? iso(from + 365 * DAY_MS) : null };
    }
  }
}

/** Long-tailed popularity in [0, 1]: most titles are niche, a few are hits, recent ones get a little buzz. */
function pickPopularity(rng: Random, age: number, plan: AvailabilityPlan): number {
  const base = rng.next() ** 4;
  const buzz = Math.max(0, 1 - age / 12) * 0.2 * rng.next();
  const value = Math.min(1, base * 0.9 + buzz) * (plan === 'upcoming' ? 0.5 : 1);
  return Math.round(value * 10_000) / 10_000;
}

// ---- people ----

// ---- seasons ----

function pickSeasons(
  rng: Random,
  id: string,
  mood: Mood,
  cast: readonly CastMember[],
  typicalRuntime: number,
  age: number,
): NonNullable<TitleInput['seasons']> {
  const maxSeasons = Math.max(1, Math.min(5, age + 1));
  const count = Math.min(maxSeasons, rng.weighted(SEASON_COUNTS));
  const perSeason = rng.int(4, 10);
  const chapters = rng.chance(0.12);
  const beats = NON_FICTION_MOODS.has(mood) ? EPISODE_BEATS.nonFiction : mood === 'kids' ? EPISODE_BEATS.kids : EPISODE_BEATS.fiction;
  const characters = cast.map((c) => c.person.character ?? c.given);
  const used = new Set<string>();
  return Array.from({ length: count }, (_, s) => {
    const number = s + 1;
    const episodes = clamp(perSeason + rng.int(-2, 2), 4, 10);
    return {
      number,
      name: `Season ${number}`,
      episodes: Array.from({ length: episodes }, (_, e) => {
        const episodeNumber = e + 1;
        const named = episodeName(rng, used, number === 1 && episodeNumber === 1 && !NON_FICTION_MOODS.has(mood) && rng.chance(0.2));
        return {
          id: `${id}-s${pad(number, 2)}e${pad(episodeNumber, 2)}`,
          episodeNumber,
          name: chapters ? `Chapter ${CHAPTER_WORDS[e] ?? episodeNumber}: ${named}` : named,
          synopsis: fill(rng.pick(beats), (slot) => {
            if (slot === 'character') return rng.pick(characters);
            throw unknownSlot(slot);
          }),
          runtimeMinutes: clamp(typicalRuntime + rng.int(-4, 4), 20, 60),
        };
      }),
    };
  });
}

function episodeName(rng: Random, used: Set<string>, pilot: boolean): string {
  const candidate = (): string => {
    if (pilot) return 'Pilot';
    const seen: string[] = [];
    return fill(rng.weighted(EPISODE_WORDS.patterns), (slot) => {
      if (slot === 'adj') return pickFresh(rng, EPISODE_WORDS.adjectives, seen);
      if (slot === 'noun') return pickFresh(rng, EPISODE_WORDS.nouns, seen);
      throw unknownSlot(slot);
    });
  };
  let name = candidate();
  for (let attempt = 0; attempt < 6 && used.has(name); attempt++) name = candidate();
  const base = name;
  for (let part = 2; used.has(name); part++) name = `${base} (Part ${part})`;
  used.add(name);
  return name;
}

// ---- small helpers ----

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
