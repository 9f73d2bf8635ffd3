import { MATURITY_LEVELS, type Title } from '../model.js';
import type { CatalogSnapshot } from '../snapshot.js';
import { genreResolver } from './filters.js';
import { buildFullTextIndex } from './fulltext.js';
import { normalizePhrase, normalizePrefix } from './normalize.js';
import { parseQuery, rankedMatches, runSearch, type SearchContext } from './search.js';
import { buildSuggestIndex } from './suggest.js';
import type { SearchField, SearchIndex, Suggestion } from './types.js';
import { availableAt, visibleTo } from './visibility.js';

export type { SearchField, SearchHit, SearchIndex, SearchParams, SearchResult, Suggestion } from './types.js';

/** Suggestions are a short list for a dropdown; more is a search, not a suggestion. */
const MAX_SUGGESTIONS = 50;
/** Below this many characters a typo fallback would match almost anything. */
const FUZZY_SUGGEST_MIN_LENGTH = 4;
/**
 * Suggestions are title names: the last-resort text search looks at names only (cast prefixes such
 * as "alva…" would match hundreds of titles and cost milliseconds on the hot path).
 */
const SUGGEST_FIELDS: readonly SearchField[] = ['name'];

/** Builds the search index over one snapshot (once per snapshot version; immutable afterwards). */
export function buildSearchIndex(snapshot: CatalogSnapshot): SearchIndex {
  // Position in `snapshot.titles` (most popular first) is each title's id in every structure below.
  const titles = snapshot.titles;
  const prefixes = buildSuggestIndex(titles.map((title) => normalizePhrase(title.name)));
  const context: SearchContext = {
    titles,
    fullText: buildFullTextIndex(titles, snapshot.genres),
    byGenre: snapshot.byGenre,
    prefixes,
    resolveGenre: genreResolver(snapshot.genres),
  };
  // Shared, frozen rows: the hot path allocates nothing per suggestion.
  const suggestions = titles.map(toSuggestion);
  const levels = Int8Array.from(titles, (title) => MATURITY_LEVELS[title.maturityRating]);

  return {
    version: snapshot.version,
    search: (params, viewer, now) => runSearch(context, params, viewer, now),
    suggest(prefix, viewer, now, limit = 8) {
      const wanted = Math.min(MAX_SUGGESTIONS, Math.max(0, Math.floor(limit)));
      const typed = normalizePrefix(prefix);
      if (wanted === 0 || typed.length === 0) return [];
      const at = now.toISOString();
      const { maxMaturityLevel, country } = viewer;
      // visibleTo inlined over precomputed levels: the maturity check rejects most without touching the title.
      const accept = (rank: number): boolean => levels[rank]! <= maxMaturityLevel && availableAt(titles[rank]!, country, at);
      let matches: readonly { rank: number }[] = prefixes.lookup(typed, accept, wanted);
      // Nothing starts that way: try one typo in what was typed, then typo-tolerant text search.
      if (matches.length === 0 && typed.trimEnd().length >= FUZZY_SUGGEST_MIN_LENGTH) {
        matches = prefixes.lookupWithTypo(typed, accept, wanted);
        if (matches.length === 0) matches = rankedMatches(context, parseQuery(prefix), visibleTo(viewer, now), SUGGEST_FIELDS).slice(0, wanted);
      }
      return matches.map(({ rank }) => suggestions[rank]!);
    },
  };
}

function toSuggestion(title: Title): Suggestion {
  return Object.freeze({ id: title.id, name: title.name, kind: title.kind, releaseYear: title.releaseYear });
}
