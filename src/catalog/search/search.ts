import type { Title, Viewer } from '../model.js';
import { titleFilter, type GenreResolver } from './filters.js';
import { fieldsOf, NAME_FIELD, type FullTextIndex, type TextQuery } from './fulltext.js';
import { normalizePrefix } from './normalize.js';
import { compareRanked, rankScore } from './ranking.js';
import { STOP_WORDS } from './stopwords.js';
import type { SuggestIndex } from './suggest.js';
import type { SearchField, SearchParams, SearchResult } from './types.js';

/** What a search runs against: the snapshot's titles (most popular first) and indexes over them. */
export interface SearchContext {
  readonly titles: readonly Title[];
  readonly fullText: FullTextIndex;
  /** Genre id → its titles, most popular first (the snapshot's), so browsing a genre skips the rest. */
  readonly byGenre: ReadonlyMap<string, readonly Title[]>;
  /** The name prefix map (suggest.ts); also answers queries made only of stop words. */
  readonly prefixes: SuggestIndex;
  readonly resolveGenre: GenreResolver;
}

/** A ranked text match, `rank` being the title's position in `titles`. */
export interface ScoredMatch {
  rank: number;
  score: number;
  /** Bit set of matched fields (fulltext.ts `fieldsOf`); arrays are made only for the page returned. */
  fieldMask: number;
}

/** Parses what the user typed; a trailing separator means the last word is finished. */
export function parseQuery(q: string): TextQuery {
  const typed = normalizePrefix(q);
  return { words: typed.split(' ').filter((word) => word.length > 0), lastIsPrefix: !typed.endsWith(' ') };
}

/** Text matches that `accept` lets through, best first (see ranking.ts for the formula). */
export function rankedMatches(
  context: SearchContext,
  query: TextQuery,
  accept: (title: Title) => boolean,
  fields?: readonly SearchField[],
): ScoredMatch[] {
  const matches: ScoredMatch[] = [];
  for (const match of context.fullText.match(query, fields)) {
    const title = context.titles[match.rank]!;
    if (!accept(title)) continue;
    matches.push({ rank: match.rank, score: rankScore(match.textScore, title.popularity), fieldMask: match.fieldMask });
  }
  return matches.sort(compareRanked);
}

/** Runs a search: text matches ranked with popularity, or with an empty query every match by popularity. */
export function runSearch(context: SearchContext, params: SearchParams, viewer: Viewer, now: Date): SearchResult {
  const offset = Math.max(0, Math.floor(params.offset));
  const limit = Math.max(0, Math.floor(params.limit));
  const accept = titleFilter(params, viewer, now, context.resolveGenre);
  const query = parseQuery(params.q);
  if (query.words.length === 0) {
    const pool = params.genre === undefined ? context.titles : (context.byGenre.get(context.resolveGenre(params.genre)) ?? []);
    return browse(pool, accept, offset, limit);
  }
  const matches = isNamePrefixQuery(query) ? namePrefixMatches(context, params.q, accept) : rankedMatches(context, query, accept);
  return {
    total: matches.length,
    results: matches.slice(offset, offset + limit).map((match) => ({
      title: context.titles[match.rank]!,
      score: match.score,
      matchedFields: fieldsOf(match.fieldMask),
    })),
  };
}

/** A lone word completed from fewer chars would expand to most of the vocabulary; see `isNamePrefixQuery`. */
const MIN_TEXT_PREFIX_LENGTH = 3;

/**
 * Queries answered from the name prefix map instead of the text index: stop words only ("the",
 * "of the": not indexed, but users typing them mean names like "The Night Ledger"), or stop words
 * plus one word of one or two chars still being typed ("m", "the ni"), which would otherwise
 * complete to thousands of words across every field for a meaningless ranking.
 */
function isNamePrefixQuery(query: TextQuery): boolean {
  const content = query.words.filter((word) => !STOP_WORDS.has(word));
  if (content.length === 0) return true;
  const [only] = content;
  const typing = query.lastIsPrefix ? query.words[query.words.length - 1] : undefined;
  return content.length === 1 && only !== undefined && only === typing && only.length < MIN_TEXT_PREFIX_LENGTH;
}

/** Names starting with what was typed (text score 2), then names where a later word does (1). */
function namePrefixMatches(context: SearchContext, q: string, accept: (title: Title) => boolean): ScoredMatch[] {
  const matches = context.prefixes.lookup(normalizePrefix(q), (rank) => accept(context.titles[rank]!), Infinity);
  return matches
    .map(({ rank, later }) => ({ rank, score: rankScore(later ? 1 : 2, context.titles[rank]!.popularity), fieldMask: NAME_FIELD }))
    .sort(compareRanked);
}

/** Browse-by-filter: titles are already most popular first, so this is one filtered pass; score is popularity. */
function browse(titles: readonly Title[], accept: (title: Title) => boolean, offset: number, limit: number): SearchResult {
  const results: SearchResult['results'] = [];
  let total = 0;
  for (const title of titles) {
    if (!accept(title)) continue;
    if (total >= offset && results.length < limit) results.push({ title, score: title.popularity, matchedFields: [] });
    total++;
  }
  return { total, results };
}
