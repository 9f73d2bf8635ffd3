/**
 * Text normalisation shared by indexing and querying, so both sides agree on what a "word" is:
 * lowercase, diacritics stripped ("Amélie" → "amelie"), apostrophes dropped ("Schindler's" →
 * "schindlers"), anything that is not a letter or digit treated as a word separator.
 */

// Letters NFD cannot decompose into base + combining mark.
const FOLDED: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};
const FOLDED_CHARS = /[ßæœøłđðþı]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
const APOSTROPHE = /^['\u2018\u2019\u02bc`]$/;
const SEPARATORS = /[^\p{L}\p{N}]+/u;
// Most input is plain ASCII; skipping the Unicode work keeps the suggest hot path cheap.
const PLAIN = /^[a-z0-9 ]*$/;

/** Lowercases and strips diacritics, leaving separators in place. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  return lower.normalize('NFD').replace(COMBINING_MARKS, '').replace(FOLDED_CHARS, (c) => FOLDED[c] ?? c);
}

/** Splits text into normalised words (no empty strings). */
export function tokenize(text: string): string[] {
  const words = foldText(text).replace(APOSTROPHES, '').split(SEPARATORS);
  return words.filter((word) => word.length > 0);
}

/** A normalised phrase: its words joined by single spaces ("  Amélie, Poulain" → "amelie poulain"). */
export function normalizePhrase(text: string): string {
  return tokenize(text).join(' ');
}

/**
 * Normalises what a user has typed so far. A trailing separator is kept as one space, because
 * "the " means the word "the" is finished and should not match "theater".
 */
export function normalizePrefix(text: string): string {
  const phrase = normalizePhrase(text);
  if (phrase.length === 0) return phrase;
  const last = text[text.length - 1] ?? '';
  return SEPARATORS.test(last) && !APOSTROPHE.test(last) ? `${phrase} ` : phrase;
}
