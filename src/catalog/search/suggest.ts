/**
 * The precomputed prefix map behind search-as-you-type. For every title name (normalised, words
 * joined by single spaces) and every word start in it, each prefix of up to MAX_KEY_LENGTH chars
 * maps to every title it matches: names that start with it first, then names where a later word
 * does, each part most popular first. A lookup is one Map.get plus a short walk that stops at the
 * limit, which keeps the hot path in microseconds however strict the viewer's filter is.
 *
 * Lists are complete (not capped), so filtering never runs a bucket dry; they are packed into one
 * Int32Array to keep memory and GC work low (~1 int per title per key).
 */

/** Longer prefixes use the bucket of their first MAX_KEY_LENGTH chars and check the rest. */
const MAX_KEY_LENGTH = 8;

/** Whether the caller will show the title of this rank (viewer visibility). */
export type RankFilter = (rank: number) => boolean;

/** A title whose name matches a prefix. */
export interface PrefixMatch {
  rank: number;
  /** Matched at a later word rather than at the start of the name. */
  later: boolean;
}

/** Prefix lookup over title names. */
export interface SuggestIndex {
  /** Up to `limit` accepted titles whose name starts with `prefix` (first) or has a word that does; each part most popular first. */
  lookup(prefix: string, accept: RankFilter, limit: number): PrefixMatch[];
  /** Like `lookup` for prefixes one edit away (typo, missing, extra or swapped char), excluding `prefix` itself. */
  lookupWithTypo(prefix: string, accept: RankFilter, limit: number): PrefixMatch[];
}

/** Builds the prefix map; `names[i]` is the normalised name of the title of rank i. */
export function buildSuggestIndex(names: readonly string[]): SuggestIndex {
  const table = buildTable(names);
  const alphabet = typoAlphabet(names);

  /** Appends up to `limit` accepted titles matching `prefix` to `out`: name starts, then later words. */
  function collect(prefix: string, accept: RankFilter, limit: number, out: PrefixMatch[]): void {
    const bucket = table.buckets.get(prefix.length > MAX_KEY_LENGTH ? prefix.slice(0, MAX_KEY_LENGTH) : prefix);
    // No bucket: no name has even the key's chars at a word start.
    if (bucket === undefined) return;
    const from = table.offsets[bucket]!;
    const to = table.offsets[bucket + 1]!;
    const startsEnd = table.startsEnds[bucket]!;
    if (prefix.length <= MAX_KEY_LENGTH) {
      let found = 0;
      for (let i = from; i < to && found < limit; i++) {
        const rank = table.ranks[i]!;
        if (accept(rank)) {
          out.push({ rank, later: i >= startsEnd });
          found++;
        }
      }
      return;
    }
    // The key's bucket is a superset; keep names matching the whole prefix, classified by where.
    let starts = 0;
    const later: PrefixMatch[] = [];
    for (let i = from; i < to && starts < limit; i++) {
      const rank = table.ranks[i]!;
      const name = names[rank]!;
      if (name.startsWith(prefix)) {
        if (accept(rank)) {
          out.push({ rank, later: false });
          starts++;
        }
      } else if (later.length < limit && name.includes(` ${prefix}`) && accept(rank)) {
        later.push({ rank, later: true });
      }
    }
    for (const candidate of later) out.push(candidate);
  }

  /**
   * How long a head of `prefix` is a key. An edit at position i keeps chars before i, so they must
   * form a key for any variant to match: edits past this point are not worth generating.
   */
  function knownHeadLength(prefix: string): number {
    let length = 0;
    while (length < Math.min(prefix.length, MAX_KEY_LENGTH) && table.buckets.has(prefix.slice(0, length + 1))) length++;
    return length < MAX_KEY_LENGTH ? length : prefix.length;
  }

  return {
    lookup(prefix, accept, limit) {
      if (prefix.length === 0 || limit <= 0) return [];
      const found: PrefixMatch[] = [];
      // One bucket is already in order and has each title once.
      collect(prefix, accept, limit, found);
      return found;
    },
    lookupWithTypo(prefix, accept, limit) {
      if (prefix.length === 0 || limit <= 0) return [];
      const found: PrefixMatch[] = [];
      forEachOneEditAway(prefix, alphabet, knownHeadLength(prefix), (variant) => {
        if (variant.length > 0) collect(variant, accept, limit, found);
      });
      return best(found, limit);
    },
  };
}

/** Name-start matches first, then most popular; each title once. */
function best(candidates: PrefixMatch[], limit: number): PrefixMatch[] {
  candidates.sort((a, b) => Number(a.later) - Number(b.later) || a.rank - b.rank);
  const chosen: PrefixMatch[] = [];
  const seen = new Set<number>();
  for (const candidate of candidates) {
    if (chosen.length === limit) break;
    if (!seen.has(candidate.rank)) chosen.push(candidate);
    seen.add(candidate.rank);
  }
  return chosen;
}

/** Most chars a typo may substitute or insert: bounds the work for scripts with thousands of letters. */
const MAX_TYPO_ALPHABET = 48;

/** The chars names use most (space included: "thenight" → "the night"), for substitutions and insertions. */
function typoAlphabet(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) for (const c of name) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_TYPO_ALPHABET)
    .map(([c]) => c)
    .join('');
}

/**
 * Calls `visit` with every string one deletion, substitution, insertion or adjacent transposition
 * away from `word` (over `alphabet`), editing only at positions up to `lastPosition`. Repeats are
 * possible and harmless (results are de-duplicated); skipping a Set keeps this path cheap.
 */
function forEachOneEditAway(word: string, alphabet: string, lastPosition: number, visit: (variant: string) => void): void {
  for (let i = 0; i <= Math.min(word.length, lastPosition); i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    for (const c of alphabet) visit(head + c + tail);
    if (i === word.length) break;
    const rest = word.slice(i + 1);
    if (i === 0 || word[i - 1] !== word[i]) visit(head + rest);
    for (const c of alphabet) if (c !== word[i]) visit(head + c + rest);
    if (i + 1 < word.length && word[i] !== word[i + 1]) visit(head + word[i + 1] + word[i] + word.slice(i + 2));
  }
}

interface Table {
  /** Key → bucket number. */
  buckets: Map<string, number>;
  /** Bucket b's ranks are ranks[offsets[b] .. offsets[b + 1]). */
  offsets: Int32Array;
  /** Where bucket b's later-word matches begin. */
  startsEnds: Int32Array;
  ranks: Int32Array;
}

function buildTable(names: readonly string[]): Table {
  const buckets = new Map<string, number>();
  const starts: number[][] = [];
  const later: number[][] = [];
  const keys = new Map<string, boolean>();
  names.forEach((name, rank) => {
    keys.clear();
    for (let start = 0; start >= 0; start = nextWordStart(name, start)) {
      const end = Math.min(name.length, start + MAX_KEY_LENGTH);
      for (let stop = start + 1; stop <= end; stop++) {
        const key = name.slice(start, stop);
        // A title matched both at the start and at a later word counts as a start match.
        if (start === 0 || !keys.has(key)) keys.set(key, start === 0);
      }
    }
    // Names arrive most popular first, so each list ends up in popularity order.
    for (const [key, atStart] of keys) {
      let bucket = buckets.get(key);
      if (bucket === undefined) {
        bucket = starts.length;
        buckets.set(key, bucket);
        starts.push([]);
        later.push([]);
      }
      (atStart ? starts : later)[bucket]!.push(rank);
    }
  });
  const offsets = new Int32Array(starts.length + 1);
  const startsEnds = new Int32Array(starts.length);
  let total = 0;
  for (let b = 0; b < starts.length; b++) total += starts[b]!.length + later[b]!.length;
  const ranks = new Int32Array(total);
  let at = 0;
  for (let b = 0; b < starts.length; b++) {
    offsets[b] = at;
    ranks.set(starts[b]!, at);
    at += starts[b]!.length;
    startsEnds[b] = at;
    ranks.set(later[b]!, at);
    at += later[b]!.length;
  }
  offsets[starts.length] = at;
  return { buckets, offsets, startsEnds, ranks };
}

/** Where the word after the one at `start` begins, or -1. */
function nextWordStart(name: string, start: number): number {
  const space = name.indexOf(' ', start);
  return space < 0 ? -1 : space + 1;
}
