/** Titles and synopses for generated titles: templates per mood filled from the word pools. */
import type { CastMember } from './people.js';
import type { Random } from './random.js';
import { STORY_POOLS } from './stories.js';
import { COINED_WORDS, NON_FICTION_MOODS, STANDUP_BITS, TEAM_NAMES, TITLE_PLACES, TITLE_POOLS, type GenreDefinition, type Mood } from './words.js';

const ROMAN = ['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'] as const;


/** Answers a template slot (already lower-cased); throws for a slot the template should not have. */
type Resolve = (slot: string) => string;

/** A template split into literal text (even indexes) and slot names (odd indexes). */
type CompiledTemplate = readonly string[];

const compiledTemplates = new Map<string, CompiledTemplate>();

/** Replaces `{slot}` with its value; `{Slot}` capitalises the value. */
export function fill(template: string, resolve: Resolve): string {
  let parts = compiledTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    compiledTemplates.set(template, parts);
  }
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] as string;
    const lower = key.charAt(0).toLowerCase() + key.slice(1);
    const value = resolve(lower);
    out += (key === lower ? value : value.charAt(0).toUpperCase() + value.slice(1)) + (parts[i + 1] ?? '');
  }
  return out;
}

export function unknownSlot(slot: string): Error {
  return new Error(`template slot {${slot}} has no value`);
}

/** Picks an item not yet in `seen` (as long as a few draws allow) and records it. */
export function pickFresh(rng: Random, items: readonly string[], seen: string[]): string {
  let item = rng.pick(items);
  for (let attempt = 0; attempt < 5 && seen.includes(item); attempt++) item = rng.pick(items);
  seen.push(item);
  return item;
}

function titleCandidate(rng: Random, mood: Mood, lead: CastMember): string {
  const pool = TITLE_POOLS[mood];
  const seen: string[] = [];
  return fill(rng.weighted(pool.patterns), (slot) => {
    switch (slot) {
      case 'adj': return pickFresh(rng, pool.adjectives, seen);
      case 'noun': return pickFresh(rng, pool.nouns, seen);
      case 'place': return pickFresh(rng, TITLE_PLACES, seen);
      case 'word': return rng.pick(COINED_WORDS);
      case 'name': return lead.given;
      case 'team': return rng.pick(TEAM_NAMES);
      case 'bit': return rng.pick(STANDUP_BITS);
      case 'performer': return lead.person.name;
      default: throw unknownSlot(slot);
    }
  });
}

export function pickName(rng: Random, mood: Mood, lead: CastMember, used: Set<string>): string {
  let name = titleCandidate(rng, mood, lead);
  for (let attempt = 0; attempt < 8 && used.has(name.toLowerCase()); attempt++) name = titleCandidate(rng, mood, lead);
  const base = name;
  for (let i = 0; used.has(name.toLowerCase()); i++) name = `${base} ${ROMAN[i] ?? String(i + 2)}`;
  used.add(name.toLowerCase());
  return name;
}

export function writeSynopsis(rng: Random, mood: Mood, primary: GenreDefinition, lead: CastMember): string {
  const pool = STORY_POOLS[mood];
  const role = pool.roles.length > 0 ? rng.pick(pool.roles) : 'newcomer';
  const hero = NON_FICTION_MOODS.has(mood) ? role : `${role} ${lead.person.character ?? lead.given}`;
  const place = rng.pick(pool.places);
  const goal = pool.goals.length > 0 ? rng.pick(pool.goals) : 'start again';
  const inciting = pool.incitings.length > 0 ? rng.pick(pool.incitings) : 'everything changes';
  const twists: string[] = [];
  const resolve: Resolve = (slot) => {
    switch (slot) {
      case 'hero': return hero;
      case 'place': return place;
      case 'goal': return goal;
      case 'inciting': return inciting;
      case 'twist': return pickFresh(rng, pool.twists, twists);
      case 'genre': return primary.noun;
      case 'performer': return lead.person.name;
      default: throw unknownSlot(slot);
    }
  };
  const sentences = [fill(rng.pick(pool.intros), resolve), fill(rng.pick(pool.middles), resolve)];
  if (rng.chance(0.65)) sentences.push(fill(rng.pick(pool.closers), resolve));
  return sentences.join(' ');
}
