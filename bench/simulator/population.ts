/**
 * The simulated viewers: accounts (1–5 profiles, one country each), profiles with devices, an
 * activity level and a hidden taste: genres (a Dirichlet draw with a small alpha, so each profile has
 * a few strong genres) and a few taste communities within them (catalog.ts). The taste is the ground
 * truth recommendation evaluations compare against.
 */
import { DEMO_COUNTRIES } from '../../src/catalog/demo/generate.js';
import type { SimCatalog } from './catalog.js';
import { dirichlet, normal, pickCumulative, Random, type Seed } from './prng.js';

export type DeviceType = 'tv' | 'mobile' | 'tablet' | 'desktop' | 'web';

export interface SimProfile {
  /** Index in the population (stable for a seed). */
  index: number;
  id: string;
  accountId: string;
  country: string;
  devices: { id: string; type: DeviceType }[];
  /** Relative share of the population's events. */
  activity: number;
  /** Hidden taste: one weight per catalog genre (same order as `SimCatalog.genres`), summing to 1. */
  taste: number[];
  /** Hidden taste communities (indexes in `SimCatalog.communities`) with weights summing to 1. */
  communities: { index: number; weight: number }[];
}

/** Dirichlet concentration of tastes: well below 1 gives 2–4 dominant genres per profile. */
export const TASTE_ALPHA = 0.12;
/** Taste communities drawn per profile, each in a genre drawn by its taste (repeats merge). */
export const COMMUNITIES_PER_PROFILE = 3;

const DEVICE_TYPES: readonly (readonly [DeviceType, number])[] = [['tv', 45], ['mobile', 25], ['tablet', 10], ['desktop', 10], ['web', 10]];
const COUNTRY_WEIGHTS = [30, 12, 9, 8, 10, 7, 9, 6, 5, 4];

/** `n` profiles for a catalog; the same seed and catalog give the same population. */
export function createPopulation(catalog: SimCatalog, n: number, seed: Seed): SimProfile[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('profiles must be a positive integer');
  const random = new Random(`${String(seed)}/population`);
  const alphas = catalog.genres.map(() => TASTE_ALPHA);
  const profiles: SimProfile[] = [];
  let account = 0;
  let country = '';
  let left = 0;
  for (let index = 0; index < n; index++) {
    if (left === 0) {
      account++;
      left = random.weighted([[1, 35], [2, 30], [3, 18], [4, 10], [5, 7]]);
      country = DEMO_COUNTRIES[random.weightedIndex(COUNTRY_WEIGHTS)] as string;
    }
    left--;
    const id = `sim-p${String(index + 1).padStart(7, '0')}`;
    const devices = Array.from({ length: random.int(1, 2) }, (_, d) => ({ id: `${id}-d${d + 1}`, type: random.weighted(DEVICE_TYPES) }));
    profiles.push({
      index,
      id,
      accountId: `sim-a${String(account).padStart(7, '0')}`,
      country,
      devices,
      // Log-normal: most viewers watch a little, a few watch a lot.
      activity: Math.exp(0.8 * normal(random)),
      ...tasteOf(random, catalog, alphas),
    });
  }
  return profiles;
}

function tasteOf(random: Random, catalog: SimCatalog, alphas: readonly number[]): Pick<SimProfile, 'taste' | 'communities'> {
  const taste = dirichlet(random, alphas);
  const cumulative = new Float64Array(taste.length);
  taste.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const weights = dirichlet(random, Array.from({ length: COMMUNITIES_PER_PROFILE }, () => 1));
  const byIndex = new Map<number, number>();
  for (const weight of weights) {
    const inGenre = catalog.communitiesByGenre[pickCumulative(random, cumulative)] ?? [];
    if (inGenre.length === 0) continue;
    const index = inGenre[random.int(0, inGenre.length - 1)] as number;
    byIndex.set(index, (byIndex.get(index) ?? 0) + weight);
  }
  const total = [...byIndex.values()].reduce((a, b) => a + b, 0);
  return { taste, communities: [...byIndex].map(([index, weight]) => ({ index, weight: weight / total })) };
}

/** The genres of a profile's taste in decreasing weight, the first `k`. */
export function topGenres(catalog: SimCatalog, profile: SimProfile, k = 3): string[] {
  return profile.taste
    .map((w, i) => [w, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => catalog.genres[i] as string);
}

/** The hidden truth, for export: profile → account, country, taste by genre name and taste communities. */
export function populationTruth(catalog: SimCatalog, profiles: readonly SimProfile[]): { profileId: string; accountId: string; country: string; tastes: Record<string, number>; topGenres: string[]; communities: { index: number; genre: string; weight: number }[] }[] {
  return profiles.map((p) => ({
    profileId: p.id,
    accountId: p.accountId,
    country: p.country,
    tastes: Object.fromEntries(catalog.genres.map((g, i) => [g, Number((p.taste[i] as number).toFixed(6))]).filter(([, w]) => (w as number) > 0.0005)),
    topGenres: topGenres(catalog, p),
    communities: p.communities.map((c) => ({ index: c.index, genre: catalog.genres[catalog.communities[c.index]?.genre ?? 0] as string, weight: Number(c.weight.toFixed(6)) })),
  }));
}
