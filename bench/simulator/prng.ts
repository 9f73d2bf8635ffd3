/**
 * Random draws the simulator needs on top of the demo catalog's seeded generator (mulberry32):
 * gamma / Dirichlet for hidden tastes, exponential gaps, and UUID-shaped event ids. Everything
 * draws from a `Random`, so the same seed gives the same population and events on every run.
 */
import { Random, type Seed } from '../../src/catalog/demo/random.js';

export { Random, type Seed };

/** Standard normal (Box–Muller; one value per call keeps the stream simple). */
export function normal(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 use the usual U^(1/shape) boost. */
export function gamma(random: Random, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(1 - random.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Dirichlet draw: small alphas concentrate the mass on a few components. */
export function dirichlet(random: Random, alphas: readonly number[]): number[] {
  const draws = alphas.map((a) => gamma(random, a));
  const total = draws.reduce((s, x) => s + x, 0) || 1;
  return draws.map((x) => x / total);
}

/** Exponential with the given mean. */
export function exponential(random: Random, mean: number): number {
  return -Math.log(1 - random.next()) * mean;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A version-4-shaped UUID from the stream (deterministic, unlike crypto.randomUUID). */
export function uuid(random: Random): string {
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const word = Math.floor(random.next() * 4294967296);
    b.push(word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
  }
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.map((x) => HEX[x] as string);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
}

/** Index into a cumulative-weight array (binary search); `cumulative` is increasing, last = total. */
export function pickCumulative(random: Random, cumulative: Float64Array | readonly number[]): number {
  const total = cumulative[cumulative.length - 1] as number;
  const roll = random.next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > roll) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
