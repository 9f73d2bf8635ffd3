import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { GenreSchema, TitleInputSchema } from '../../api/schemas/catalog.js';
import { maturityLevel, type MaturityRating, type TitleInput } from '../model.js';
import { normalizeTitle } from '../normalize.js';
import { DEMO_COUNTS, demoCatalog, generateCatalog } from './generate.js';
import { Random } from './random.js';

const NOW = new Date('2025-06-15T12:34:56.000Z');
const { genres, titles } = demoCatalog(NOW);
const movies = titles.filter((t) => t.kind === 'movie');
const shows = titles.filter((t) => t.kind === 'show');

const MOVIE_RATINGS: readonly MaturityRating[] = ['G', 'PG', 'PG-13', 'R', 'NC-17'];
const SHOW_RATINGS: readonly MaturityRating[] = ['TV-Y', 'TV-Y7', 'TV-G', 'TV-PG', 'TV-14', 'TV-MA'];
const KIDS_RATINGS: readonly MaturityRating[] = ['TV-Y', 'TV-Y7', 'G'];

function share(predicate: (t: TitleInput) => boolean): number {
  return titles.filter(predicate).length / titles.length;
}

describe('Random', () => {
  it('is deterministic per seed and helpers stay in range', () => {
    const a = new Random(7);
    const b = new Random(7);
    const draws = Array.from({ length: 50 }, () => a.int(3, 9));
    expect(Array.from({ length: 50 }, () => b.int(3, 9))).toEqual(draws);
    expect(draws.every((n) => n >= 3 && n <= 9)).toBe(true);
    expect(new Set(draws).size).toBe(7);
    expect(new Random('x').next()).toBe(new Random('x').next());
    expect(new Random(1).next()).not.toBe(new Random(2).next());
  });

  it('samples distinct items and weighs choices', () => {
    const rng = new Random(1);
    const sample = rng.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(sample).size).toBe(3);
    expect(rng.sample([1, 2], 5)).toHaveLength(2);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 2000; i++) counts[rng.weighted([['a', 8], ['b', 2], ['c', 0]] as const)]++;
    expect(counts.c).toBe(0);
    expect(counts.a).toBeGreaterThan(counts.b * 2);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});

describe('generateCatalog', () => {
  it('is deterministic for a seed and now, and differs between seeds', () => {
    const options = { seed: 99, movies: 40, shows: 8, now: NOW };
    expect(generateCatalog(options)).toEqual(generateCatalog(options));
    expect(demoCatalog(NOW)).toEqual({ genres, titles });
    expect(generateCatalog({ ...options, seed: 100 }).titles.map((t) => t.name)).not.toEqual(
      generateCatalog(options).titles.map((t) => t.name),
    );
  });

  it('has the demo counts and at least 20 genres', () => {
    expect(movies.length).toBe(DEMO_COUNTS.movies);
    expect(shows.length).toBe(DEMO_COUNTS.shows);
    expect(movies.length).toBeGreaterThanOrEqual(300);
    expect(shows.length).toBeGreaterThanOrEqual(40);
    expect(genres.length).toBeGreaterThanOrEqual(20);
    expect(genres.every((g) => Value.Check(GenreSchema, g))).toBe(true);
  });

  it('produces valid TitleInputs that the catalog accepts', () => {
    const known = new Set(genres.map((g) => g.id));
    for (const title of titles) {
      expect(Value.Check(TitleInputSchema, title), title.id).toBe(true);
      expect(() => normalizeTitle(title, title.id ?? '', known, undefined, NOW)).not.toThrow();
    }
  });

  it('gives unique ids, including episode ids, and unique names', () => {
    const ids = titles.flatMap((t) => [t.id, ...(t.seasons ?? []).flatMap((s) => s.episodes.map((e) => e.id))]);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(movies[0]?.id).toBe('mv-0001');
    expect(shows[0]?.id).toBe('sh-0001');
    expect(shows[0]?.seasons?.[0]?.episodes[0]?.id).toBe('sh-0001-s01e01');
    expect(new Set(titles.map((t) => t.name.toLowerCase())).size).toBe(titles.length);
  });

  it('uses 1–3 known genres per title', () => {
    const known = new Set(genres.map((g) => g.id));
    for (const title of titles) {
      expect(title.genres.length).toBeGreaterThanOrEqual(1);
      expect(title.genres.length).toBeLessThanOrEqual(3);
      expect(new Set(title.genres).size).toBe(title.genres.length);
      expect(title.genres.every((g) => known.has(g))).toBe(true);
    }
    expect(new Set(titles.flatMap((t) => t.genres)).size).toBeGreaterThanOrEqual(20);
  });

  it('rates movies on the film scale and shows on the TV scale', () => {
    expect(movies.every((t) => MOVIE_RATINGS.includes(t.maturityRating))).toBe(true);
    expect(shows.every((t) => SHOW_RATINGS.includes(t.maturityRating))).toBe(true);
  });

  it('has plenty of kids titles and mature titles, and keeps kids genres low', () => {
    expect(share((t) => KIDS_RATINGS.includes(t.maturityRating))).toBeGreaterThanOrEqual(0.1);
    expect(share((t) => t.maturityRating === 'R' || t.maturityRating === 'TV-MA')).toBeGreaterThanOrEqual(0.1);
    expect(shows.some((t) => t.maturityRating === 'TV-Y' || t.maturityRating === 'TV-Y7')).toBe(true);
    expect(shows.some((t) => t.maturityRating === 'TV-MA')).toBe(true);
    const kidsGenre = titles.filter((t) => t.genres.includes('kids'));
    expect(kidsGenre.length).toBeGreaterThan(0);
    expect(kidsGenre.every((t) => maturityLevel(t.maturityRating) <= 2)).toBe(true);
  });

  it('has people, synopses, years, runtimes and popularity in range', () => {
    for (const title of titles) {
      const actors = title.people.filter((p) => p.role === 'actor');
      expect(actors.length).toBeGreaterThanOrEqual(4);
      expect(actors.length).toBeLessThanOrEqual(8);
      expect(actors.every((p) => (p.character ?? '').length > 0)).toBe(true);
      expect(title.people.some((p) => p.role === (title.kind === 'movie' ? 'director' : 'creator'))).toBe(true);
      const sentences = title.synopsis.match(/[.!?](?=\s|$)/g) ?? [];
      expect(sentences.length, title.synopsis).toBeGreaterThanOrEqual(2);
      expect(sentences.length, title.synopsis).toBeLessThanOrEqual(3);
      expect(title.synopsis).not.toMatch(/[{}]/);
      expect(title.releaseYear).toBeGreaterThanOrEqual(1960);
      expect(title.releaseYear).toBeLessThanOrEqual(NOW.getUTCFullYear());
      const [min, max] = title.kind === 'movie' ? [80, 150] : [20, 60];
      expect(title.runtimeMinutes).toBeGreaterThanOrEqual(min);
      expect(title.runtimeMinutes).toBeLessThanOrEqual(max);
      expect(title.popularity).toBeGreaterThanOrEqual(0);
      expect(title.popularity).toBeLessThanOrEqual(1);
    }
    const years = titles.map((t) => t.releaseYear).sort((a, b) => a - b);
    expect(years[Math.floor(years.length / 2)]).toBeGreaterThanOrEqual(NOW.getUTCFullYear() - 20);
    const popularity = titles.map((t) => t.popularity ?? 0).sort((a, b) => a - b);
    expect(popularity[Math.floor(popularity.length / 2)]).toBeLessThan(0.3);
    expect(popularity.at(-1)).toBeGreaterThan(0.8);
  });

  it('has audio and subtitles including the original language, among several languages', () => {
    for (const title of titles) {
      expect(title.audioLanguages[0]).toBe(title.originalLanguage);
      expect(title.subtitleLanguages).toContain(title.originalLanguage);
      expect(new Set(title.subtitleLanguages).size).toBe(title.subtitleLanguages.length);
    }
    expect(new Set(titles.map((t) => t.originalLanguage)).size).toBeGreaterThanOrEqual(8);
  });

  it('licenses titles in at least 5 countries with past, open, expired and future windows', () => {
    const countries = new Set(titles.flatMap((t) => t.availability.map((a) => a.country)));
    expect(countries.size).toBeGreaterThanOrEqual(5);
    const now = NOW.toISOString();
    const windows = titles.flatMap((t) => t.availability);
    for (const w of windows) {
      expect(new Date(w.from).toISOString()).toBe(w.from);
      if (w.until !== null) {
        expect(new Date(w.until).toISOString()).toBe(w.until);
        expect(w.until > w.from).toBe(true);
      }
    }
    expect(share((t) => t.availability.length >= 5)).toBeGreaterThan(0.75);
    expect(titles.some((t) => t.availability.length <= 2)).toBe(true);
    expect(windows.some((w) => w.until !== null && w.until < now)).toBe(true);
    expect(windows.some((w) => w.from > now)).toBe(true);
    expect(share((t) => t.availability.some((w) => w.from <= now && (w.until === null || w.until > now)))).toBeGreaterThan(0.9);
  });

  it('gives shows 1–5 seasons of 4–10 episodes', () => {
    for (const show of shows) {
      const seasons = show.seasons ?? [];
      expect(seasons.length).toBeGreaterThanOrEqual(1);
      expect(seasons.length).toBeLessThanOrEqual(5);
      seasons.forEach((season, i) => {
        expect(season.number).toBe(i + 1);
        expect(season.name).toBe(`Season ${i + 1}`);
        expect(season.episodes.length).toBeGreaterThanOrEqual(4);
        expect(season.episodes.length).toBeLessThanOrEqual(10);
        expect(season.episodes.every((e) => e.runtimeMinutes >= 20 && e.runtimeMinutes <= 60 && e.name.length > 0)).toBe(true);
      });
    }
    expect(movies.every((m) => m.seasons === undefined)).toBe(true);
  });

  it('has titles starting with "Th" for suggestions', () => {
    expect(titles.filter((t) => /^th/i.test(t.name)).length).toBeGreaterThanOrEqual(3);
  });

  // Speed is the benchmarks' business (bench:catalog generates 10,000 titles); this checks the scale works.
  it('generates 10,000 titles with distinct names', () => {
    const big = generateCatalog({ seed: 42, movies: 8_800, shows: 1_200, now: NOW });
    expect(big.titles).toHaveLength(10_000);
    expect(new Set(big.titles.map((t) => t.name.toLowerCase())).size).toBe(10_000);
  });
});
