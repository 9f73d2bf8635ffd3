import MiniSearch, { type Query, type SearchResult as MiniSearchResult } from 'minisearch';
import type { Genre, Title } from '../model.js';
import { normalizePhrase } from './normalize.js';
import { STOP_WORDS } from './stopwords.js';
import { buildVocabulary, type Vocabulary } from './typos.js';
import type { SearchField } from './types.js';

/** A title's indexed text, already normalised, so MiniSearch only has to split on spaces. */
interface IndexedDocument {
  /** The title's position in the snapshot (most popular first). */
  id: number;
  name: string;
  people: string;
  genres: string;
  synopsis: string;
}

const FIELDS: readonly SearchField[] = ['name', 'people', 'genres', 'synopsis'];
/** The `fieldMask` of a match in the name alone. */
export const NAME_FIELD = 1;
const FIELD_BITS: Readonly<Record<string, number>> = { name: NAME_FIELD, people: 2, genres: 4, synopsis: 8 };
/** Name matters most, synopsis least (BM25 already favours short fields like names). */
const FIELD_BOOSTS: Readonly<Record<SearchField, number>> = { name: 4, people: 2, genres: 1.5, synopsis: 1 };
/** A typo match is worth about half an exact one, less the further it is. */
const TYPO_WEIGHT = 0.5;
/**
 * Completing a short last word everywhere would touch most of the index (every synopsis word
 * starting with "s"): one char is not completed, two complete in names and people only, three
 * and more in every field.
 */
const MIN_PREFIX_LENGTH = 2;
const FULL_PREFIX_MIN_LENGTH = 3;
const SHORT_PREFIX_FIELDS: readonly SearchField[] = ['name', 'people'];
/** Bounds the cost of pathological queries; nobody types more words than this. */
const MAX_QUERY_WORDS = 12;

/** What the user typed, as normalised words; the last one may be unfinished (search-as-you-type). */
export interface TextQuery {
  words: readonly string[];
  lastIsPrefix: boolean;
}

/** One title's text relevance before popularity is blended in. */
export interface TextMatch {
  rank: number;
  textScore: number;
  /** Bit set of matched fields; see `fieldsOf`. */
  fieldMask: number;
}

/** Full-text matching over name, people, genres and synopsis. */
export interface FullTextIndex {
  /** Titles matching every word (or, failing that, any word); `fields` narrows where to look. */
  match(query: TextQuery, fields?: readonly SearchField[]): TextMatch[];
}

/** The field names in a `TextMatch.fieldMask`, most important first. */
export function fieldsOf(mask: number): SearchField[] {
  return FIELDS.filter((field) => (mask & FIELD_BITS[field]!) !== 0);
}

/** Indexes the titles (`titles[i]` gets id i) with MiniSearch, plus a vocabulary for typo expansion. */
export function buildFullTextIndex(titles: readonly Title[], genres: readonly Genre[]): FullTextIndex {
  const genreNames = new Map(genres.map((genre) => [genre.id, genre.name]));
  const documents = titles.map((title, id): IndexedDocument => ({
    id,
    name: normalizePhrase(title.name),
    people: normalizePhrase(title.people.map((person) => person.name).join(' ')),
    genres: normalizePhrase(title.genres.map((genre) => `${genre} ${genreNames.get(genre) ?? ''}`).join(' ')),
    synopsis: normalizePhrase(title.synopsis),
  }));
  const miniSearch = new MiniSearch<IndexedDocument>({
    fields: [...FIELDS],
    tokenize: splitWords,
    // Stop words are not indexed in any field; queries drop them (see requiredWords).
    processTerm: (term) => (STOP_WORDS.has(term) ? null : term),
    searchOptions: { boost: FIELD_BOOSTS },
  });
  miniSearch.addAll(documents);

  // Which words exist in which fields: typo expansion and the "can anything match?" check use it.
  const vocabulary = buildVocabulary(indexedWords(documents));

  return {
    match(query, fields = FIELDS) {
      const words = requiredWords(query);
      if (words.length === 0) return [];
      const perWord = words.map(({ word, isPrefix }) => wordQuery(vocabulary, word, isPrefix, fields));
      const matchable = perWord.filter((w) => w.matchable);
      // MiniSearch costs tens of µs even when it finds nothing; skip it when no word can match.
      if (matchable.length === 0) return [];
      const sources = perWord.map((w) => w.sources);
      // Every word must match; when that finds nothing, any word may (a bad word should not empty the page).
      const all = (combineWith: 'AND' | 'OR', of: typeof perWord) =>
        miniSearch.search({ combineWith, fields: [...fields], queries: of.map((w) => w.query) });
      let results = matchable.length === perWord.length ? all('AND', perWord) : [];
      if (results.length === 0 && words.length > 1) results = all('OR', matchable);
      return results.map((result) => toTextMatch(result, sources));
    },
  };
}

/** (word, field bit) for every indexed word. */
function* indexedWords(documents: readonly IndexedDocument[]): Generator<readonly [string, number]> {
  for (const document of documents) {
    for (const field of FIELDS) {
      for (const word of splitWords(document[field])) if (!STOP_WORDS.has(word)) yield [word, FIELD_BITS[field]!];
    }
  }
}

function maskOf(fields: readonly SearchField[]): number {
  let mask = 0;
  for (const field of fields) mask |= FIELD_BITS[field]!;
  return mask;
}

function splitWords(text: string): string[] {
  return text.length === 0 ? [] : text.split(' ');
}

/**
 * The words a match must contain. Stop words are not indexed, so they are dropped whenever another
 * word remains ("girl in the garden", "inside the"); alone ("the"), a last word being typed still
 * completes to indexed words ("theater").
 */
function requiredWords(query: TextQuery): { word: string; isPrefix: boolean }[] {
  const last = query.words.length - 1;
  const words = query.words.map((word, i) => ({ word, isPrefix: query.lastIsPrefix && i === last })).slice(-MAX_QUERY_WORDS);
  const kept = words.filter(({ word }) => !STOP_WORDS.has(word));
  return kept.length > 0 ? kept : words;
}

/** One query word as "the word (or a prefix of it) OR any of its near-misses", and whether anything can match it. */
function wordQuery(
  vocabulary: Vocabulary,
  word: string,
  isPrefix: boolean,
  fields: readonly SearchField[],
): { query: Query; sources: ReadonlySet<string>; matchable: boolean } {
  const queries: Query[] = [];
  // Fields are split, not overlapped: a prefix query also scores the exact word, which must count once.
  const completed =
    !isPrefix || word.length < MIN_PREFIX_LENGTH ? []
    : word.length >= FULL_PREFIX_MIN_LENGTH ? fields
    : fields.filter((f) => SHORT_PREFIX_FIELDS.includes(f));
  const exactOnly = fields.filter((field) => !completed.includes(field));
  if (completed.length > 0) queries.push({ queries: [word], prefix: true, fields: [...completed] });
  if (exactOnly.length > 0) queries.push({ queries: [word], fields: [...exactOnly] });
  const mask = maskOf(fields);
  let matchable = vocabulary.has(word, mask) || (completed.length > 0 && vocabulary.hasPrefix(word, maskOf(completed)));
  const typos = vocabulary.typos(word, mask);
  const sources = new Set([word]);
  for (const [term, distance] of typos) {
    // Prefix matching already covers these, at a better weight.
    if (isPrefix && term.startsWith(word)) continue;
    const weight = (TYPO_WEIGHT * term.length) / (term.length + distance);
    queries.push({ queries: [term], boostTerm: () => weight });
    sources.add(term);
    matchable = true;
  }
  return { query: { combineWith: 'OR', queries }, sources, matchable };
}

/**
 * MiniSearch multiplies a score by the number of distinct query terms matched; typo expansions
 * would inflate that, so it is replaced by the number of the user's words matched.
 */
function toTextMatch(result: MiniSearchResult, sourcesPerWord: readonly ReadonlySet<string>[]): TextMatch {
  let matchedWords = 0;
  for (const sources of sourcesPerWord) {
    if (result.queryTerms.some((term) => sources.has(term))) matchedWords++;
  }
  let fieldMask = 0;
  for (const term in result.match) for (const field of result.match[term]!) fieldMask |= FIELD_BITS[field] ?? 0;
  return { rank: result.id as number, textScore: (result.score / Math.max(1, result.queryTerms.length)) * matchedWords, fieldMask };
}
