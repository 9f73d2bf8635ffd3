/** Cast and crew for generated titles: names drawn per culture, characters per mood, no repeats within a title. */
import type { Person, TitleKind } from '../model.js';
import { CHARACTER_TITLES, KIDS_CHARACTERS, NAME_CULTURES, type NameCulture } from './names.js';
import type { Random, Weighted } from './random.js';
import { NON_FICTION_MOODS, type Mood } from './words.js';

/** A cast member as the generator sees it: the credit plus the names the text templates use. */
export interface CastMember {
  person: Person;
  /** The character's given name ("Pip", "Ilse") for title patterns. */
  given: string;
}

const LEAD_STYLES: readonly Weighted<'full' | 'given'>[] = [['full', 7], ['given', 3]];
const SUPPORT_STYLES: readonly Weighted<'full' | 'given' | 'titled'>[] = [['full', 6], ['given', 2], ['titled', 2]];
const CULTURE_KEYS = Object.keys(NAME_CULTURES);

function pickCulture(rng: Random, language: string): NameCulture {
  const own = NAME_CULTURES[language];
  if (own && rng.chance(language === 'en' ? 0.55 : 0.8)) return own;
  return NAME_CULTURES[rng.pick(CULTURE_KEYS)] as NameCulture;
}

interface PersonName {
  full: string;
  given: string;
  family: string;
}

function personName(rng: Random, culture: NameCulture): PersonName {
  const given = rng.pick(culture.first);
  const family = rng.pick(culture.last);
  return { full: culture.familyFirst ? `${family} ${given}` : `${given} ${family}`, given, family };
}

/** A name not yet in `used` (tries a few draws, then accepts a repeat rather than loop). */
function freshName(rng: Random, language: string, used: Set<string>): PersonName {
  let name = personName(rng, pickCulture(rng, language));
  for (let attempt = 0; attempt < 6 && used.has(name.full); attempt++) name = personName(rng, pickCulture(rng, language));
  used.add(name.full);
  return name;
}

export function pickCast(rng: Random, mood: Mood, language: string): CastMember[] {
  const count = rng.int(4, 8);
  const actors = new Set<string>();
  const characters = new Set<string>();
  const kidsNames = mood === 'kids' ? rng.sample(KIDS_CHARACTERS, count) : [];
  const cast: CastMember[] = [];
  for (let i = 0; i < count; i++) {
    const actor = freshName(rng, language, actors);
    let character: string;
    let given: string;
    if (NON_FICTION_MOODS.has(mood)) {
      character = i > 0 ? (mood === 'standup' ? 'Guest Comedian' : 'Self') : mood === 'doc' || mood === 'truecrime' ? 'Narrator' : mood === 'reality' ? 'Host' : 'Self';
      given = actor.given;
    } else if (kidsNames[i] !== undefined) {
      character = kidsNames[i] as string;
      given = character;
    } else {
      const name = freshName(rng, language, characters);
      const style = i === 0 ? rng.weighted(LEAD_STYLES) : rng.weighted(SUPPORT_STYLES);
      character = style === 'full' ? name.full : style === 'given' ? name.given : `${rng.pick(CHARACTER_TITLES)} ${name.family}`;
      given = name.given;
    }
    characters.add(character);
    cast.push({ person: { name: actor.full, role: 'actor', character }, given });
  }
  return cast;
}

export function pickCrew(rng: Random, kind: TitleKind, language: string, cast: readonly CastMember[]): Person[] {
  const used = new Set(cast.map((c) => c.person.name));
  if (kind === 'show') {
    return Array.from({ length: rng.int(1, 2) }, () => ({ name: freshName(rng, language, used).full, role: 'creator' as const }));
  }
  const director: Person = { name: freshName(rng, language, used).full, role: 'director' };
  if (!rng.chance(0.45)) return [director];
  const writer = rng.chance(0.3) ? director.name : freshName(rng, language, used).full;
  return [director, { name: writer, role: 'writer' }];
}
