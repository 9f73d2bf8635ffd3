/**
 * The demo catalog's vocabulary: genres and how they behave, title and synopsis pools, and names.
 * Everything here is original; place names in titles are invented and people's names are drawn
 * from separate first-name and surname pools so no list entry is a real person or a real title.
 */

/** The storytelling register of a genre; picks the title, synopsis and character pools. */
export type Mood =
  | 'action'
  | 'dark'
  | 'light'
  | 'kids'
  | 'epic'
  | 'heart'
  | 'sport'
  | 'doc'
  | 'truecrime'
  | 'reality'
  | 'standup';

/** Moods whose titles are non-fiction: their cast appear as themselves. */
export const NON_FICTION_MOODS: ReadonlySet<Mood> = new Set<Mood>(['doc', 'truecrime', 'reality', 'standup']);

/** A genre plus how the generator uses it. */
export interface GenreDefinition {
  /** Slug, `^[a-z0-9][a-z0-9-]*$`. */
  id: string;
  name: string;
  mood: Mood;
  /** How the closing line of a synopsis refers to it ("A wry comedy about …"). */
  noun: string;
  /** Relative chance of being a title's primary genre, per kind. */
  weight: { movie: number; show: number };
  /** Genres that may accompany it as secondary genres. */
  companions: readonly string[];
  /**
   * Relative weights of maturity levels 0…6 (TV-Y, TV-Y7, G/TV-G, PG/TV-PG, PG-13/TV-14, R/TV-MA, NC-17)
   * when this is the primary genre.
   */
  maturity: readonly [number, number, number, number, number, number, number];
}

/** The 26 demo genres. */
export const GENRES: readonly GenreDefinition[] = [
  { id: 'action', name: 'Action', mood: 'action', noun: 'action thriller', weight: { movie: 9, show: 5 },
    companions: ['adventure', 'thriller', 'sci-fi', 'crime', 'war', 'comedy', 'fantasy'], maturity: [0, 0, 0, 1, 5, 4, 0.1] },
  { id: 'adventure', name: 'Adventure', mood: 'epic', noun: 'adventure', weight: { movie: 6, show: 3 },
    companions: ['action', 'fantasy', 'family', 'comedy', 'sci-fi', 'history', 'animation'], maturity: [0, 0.3, 1, 4, 4, 1, 0] },
  { id: 'animation', name: 'Animation', mood: 'kids', noun: 'animated tale', weight: { movie: 7, show: 5 },
    companions: ['family', 'comedy', 'adventure', 'fantasy', 'kids', 'musical', 'sci-fi'], maturity: [2, 3, 3, 3, 1.5, 0.5, 0] },
  { id: 'comedy', name: 'Comedy', mood: 'light', noun: 'comedy', weight: { movie: 10, show: 10 },
    companions: ['romance', 'drama', 'family', 'crime', 'action', 'musical', 'teen'], maturity: [0, 0.2, 0.8, 3, 4, 3, 0.05] },
  { id: 'crime', name: 'Crime', mood: 'dark', noun: 'crime drama', weight: { movie: 6, show: 8 },
    companions: ['thriller', 'drama', 'mystery', 'action', 'comedy'], maturity: [0, 0, 0, 0.5, 3, 5, 0.2] },
  { id: 'documentary', name: 'Documentary', mood: 'doc', noun: 'documentary', weight: { movie: 5, show: 6 },
    companions: ['history', 'biography', 'sports', 'musical', 'true-crime', 'war'], maturity: [0, 0, 1.5, 3, 3, 1, 0] },
  { id: 'drama', name: 'Drama', mood: 'heart', noun: 'drama', weight: { movie: 12, show: 12 },
    companions: ['romance', 'crime', 'history', 'biography', 'war', 'sports', 'teen', 'mystery'], maturity: [0, 0, 0.3, 2, 4, 3.5, 0.1] },
  { id: 'family', name: 'Family', mood: 'kids', noun: 'family adventure', weight: { movie: 6, show: 3 },
    companions: ['comedy', 'adventure', 'animation', 'fantasy', 'musical', 'sports', 'kids'], maturity: [1, 2, 4, 3, 0.3, 0, 0] },
  { id: 'fantasy', name: 'Fantasy', mood: 'epic', noun: 'fantasy', weight: { movie: 4, show: 4 },
    companions: ['adventure', 'action', 'romance', 'family', 'animation', 'horror', 'drama'], maturity: [0, 0.5, 1, 3, 4, 2, 0] },
  { id: 'horror', name: 'Horror', mood: 'dark', noun: 'horror story', weight: { movie: 6, show: 3 },
    companions: ['thriller', 'mystery', 'comedy', 'sci-fi', 'fantasy'], maturity: [0, 0, 0, 0, 1.5, 6, 0.4] },
  { id: 'mystery', name: 'Mystery', mood: 'dark', noun: 'mystery', weight: { movie: 3, show: 4 },
    companions: ['crime', 'thriller', 'drama', 'horror', 'comedy'], maturity: [0, 0.2, 0.5, 2, 4, 3, 0] },
  { id: 'romance', name: 'Romance', mood: 'heart', noun: 'romance', weight: { movie: 6, show: 4 },
    companions: ['comedy', 'drama', 'musical', 'fantasy', 'teen'], maturity: [0, 0, 0.5, 2.5, 4, 2, 0.1] },
  { id: 'sci-fi', name: 'Sci-Fi', mood: 'epic', noun: 'science-fiction saga', weight: { movie: 5, show: 5 },
    companions: ['action', 'thriller', 'adventure', 'horror', 'drama', 'mystery'], maturity: [0, 0.3, 0.5, 2, 4, 3, 0] },
  { id: 'thriller', name: 'Thriller', mood: 'dark', noun: 'thriller', weight: { movie: 7, show: 5 },
    companions: ['crime', 'mystery', 'action', 'drama', 'horror', 'sci-fi'], maturity: [0, 0, 0, 0.3, 3.5, 5, 0.1] },
  { id: 'war', name: 'War', mood: 'epic', noun: 'war drama', weight: { movie: 2, show: 1 },
    companions: ['drama', 'history', 'action', 'biography'], maturity: [0, 0, 0, 0.5, 3, 4, 0] },
  { id: 'western', name: 'Western', mood: 'action', noun: 'western', weight: { movie: 1.5, show: 0.7 },
    companions: ['drama', 'action', 'adventure', 'comedy'], maturity: [0, 0, 0.3, 2, 3, 3, 0] },
  { id: 'musical', name: 'Musical', mood: 'light', noun: 'musical', weight: { movie: 1.5, show: 0.5 },
    companions: ['comedy', 'romance', 'drama', 'family', 'animation'], maturity: [0, 0.5, 2, 3, 2, 0.3, 0] },
  { id: 'sports', name: 'Sports', mood: 'sport', noun: 'sports drama', weight: { movie: 2, show: 2 },
    companions: ['drama', 'comedy', 'biography', 'family', 'teen'], maturity: [0, 0.3, 1, 3, 3, 1, 0] },
  { id: 'reality', name: 'Reality', mood: 'reality', noun: 'reality series', weight: { movie: 0, show: 6 },
    companions: ['comedy', 'romance'], maturity: [0, 0, 1, 3, 4, 2, 0] },
  { id: 'anime', name: 'Anime', mood: 'epic', noun: 'anime', weight: { movie: 2, show: 4 },
    companions: ['action', 'fantasy', 'sci-fi', 'comedy', 'drama', 'romance'], maturity: [0, 1, 1, 3, 4, 2, 0] },
  { id: 'kids', name: 'Kids', mood: 'kids', noun: 'adventure for young viewers', weight: { movie: 8, show: 7 },
    companions: ['animation', 'family', 'comedy', 'adventure', 'musical', 'fantasy'], maturity: [4, 4, 3, 0.5, 0, 0, 0] },
  { id: 'stand-up', name: 'Stand-Up', mood: 'standup', noun: 'stand-up special', weight: { movie: 2, show: 1 },
    companions: ['comedy'], maturity: [0, 0, 0, 0.5, 2, 5, 0.2] },
  { id: 'history', name: 'History', mood: 'epic', noun: 'period piece', weight: { movie: 2, show: 2 },
    companions: ['drama', 'war', 'biography', 'romance', 'adventure'], maturity: [0, 0, 0.5, 2, 4, 2, 0] },
  { id: 'biography', name: 'Biography', mood: 'heart', noun: 'portrait', weight: { movie: 2, show: 0.5 },
    companions: ['drama', 'history', 'musical', 'sports'], maturity: [0, 0, 0.3, 2, 4, 2, 0] },
  { id: 'true-crime', name: 'True Crime', mood: 'truecrime', noun: 'true-crime investigation', weight: { movie: 1, show: 3 },
    companions: ['documentary', 'crime'], maturity: [0, 0, 0, 0.5, 3, 4, 0] },
  { id: 'teen', name: 'Teen', mood: 'light', noun: 'coming-of-age story', weight: { movie: 2, show: 3 },
    companions: ['comedy', 'drama', 'romance', 'mystery', 'sports'], maturity: [0, 0, 0.2, 2, 5, 1.5, 0] },
];

// ---------------------------------------------------------------------------------------------
// Titles

/**
 * Title patterns fill `{adj}`, `{noun}`, `{place}`, `{word}` (a coined word), `{name}` (the lead
 * character's first name), `{team}`, `{bit}` and `{performer}` (the lead performer's name).
 */
export interface TitlePool {
  adjectives: readonly string[];
  nouns: readonly string[];
  patterns: readonly (readonly [pattern: string, weight: number])[];
}

/** Invented place names used in titles. */
export const TITLE_PLACES: readonly string[] = [
  'Varrow', 'Kestrel Bay', 'Saltmere', 'Old Harrow', 'Cindervale', 'Lowmarsh', 'Port Ysolde', 'Ashgrove',
  'Tamber Falls', 'Greywater', 'Mirefield', 'Velmora', 'Brackenridge', 'Sundermoor', 'Hallowmere',
  'Dunmarrow', 'Calder Point', 'Lanternside', 'Ironmouth', 'Sablewick', 'Farrow Ridge', 'Quillhaven',
  'Redmarsh', 'Thistledown', 'Wyncombe', 'Ember Cove', 'Norhaven', 'Solano Flats', 'Marigold Street',
  'Oskarsby', 'Vell Harbour', 'Corvina', 'Little Ostend', 'Haverlock', 'Pellion', 'the Amber Coast',
  'Isla Brava', 'Montclaire', 'Rookhallow', 'Silverbrook', 'Kanzaki Pass', 'Santa Oriel', 'Bellwether',
  'Tovar', 'Glenmuir', 'the Ninth Ward', 'Orchard Row', 'Lake Senna', 'Caravel', 'Drummond Heights',
];

const COINED_HEADS = [
  'Ember', 'Glass', 'Hollow', 'Thorn', 'Salt', 'Iron', 'Quill', 'Cinder', 'Marrow', 'Brack', 'Moss',
  'Wren', 'Frost', 'Amber', 'Lantern', 'Copper', 'Raven', 'Sable', 'Tallow', 'Vesper', 'Gloam', 'Kettle',
] as const;
const COINED_TAILS = [
  'fall', 'wick', 'mere', 'hold', 'gate', 'light', 'ward', 'crest', 'vale', 'moor', 'field', 'bloom',
  'tide', 'march', 'stone', 'haven', 'reach', 'wake',
] as const;

/** Invented single-word titles ("Cinderwake", "Quillmere", …). */
export const COINED_WORDS: readonly string[] = COINED_HEADS.flatMap((head) =>
  COINED_TAILS.map((tail) => `${head}${tail}`),
);

const GENERAL_PATTERNS: TitlePool['patterns'] = [
  ['The {adj} {noun}', 6],
  ['{noun} of {place}', 4],
  ['The {noun} of {place}', 3],
  ['Return to {place}', 1],
  ['{word}', 3],
  ['{adj} {noun}', 3],
  ['{place}', 1],
  ["{name}'s {noun}", 1],
  ['A {noun} in {place}', 1],
  ['Beneath {place}', 0.5],
  ['{noun} and {noun}', 0.4],
  ['{word}: The {adj} {noun}', 0.7],
];

/** Title vocabulary per mood. */
export const TITLE_POOLS: Readonly<Record<Mood, TitlePool>> = {
  action: {
    adjectives: ['Scarlet', 'Rogue', 'Burning', 'Twelfth', 'Copper', 'Reckless', 'Crimson', 'Northbound',
      'Sleeper', 'Zero-Hour', 'Blind', 'Hard', 'Runaway', 'Double', 'Black Market', 'Ninth-Floor', 'Tin'],
    nouns: ['Protocol', 'Vendetta', 'Convoy', 'Citadel', 'Fuse', 'Gauntlet', 'Cartel', 'Switchback',
      'Outpost', 'Ultimatum', 'Redline', 'Extraction', 'Courier', 'Getaway', 'Lockdown', 'Detour',
      'Bounty', 'Ricochet', 'Tripwire', 'Wager', 'Salvage'],
    patterns: [...GENERAL_PATTERNS, ['{noun} at {place}', 1.5], ['Operation {word}', 1.5]],
  },
  dark: {
    adjectives: ['Drowned', 'Pale', 'Crooked', 'Sleepless', 'Unlit', 'Whispering', 'Bitter', 'Withered',
      'Buried', 'Quiet', 'Hollow', 'Borrowed', 'Tenth', 'Salted', 'Unmarked', 'Patient'],
    nouns: ['Orchard', 'Lantern', 'Choir', 'Vigil', 'Harvest', 'Chapel', 'Cellar', 'Tenant', 'Ledger',
      'Confession', 'Marsh', 'Attic', 'Reservoir', 'Witness', 'Undertaker', 'Lullaby', 'Keepsake',
      'Dollhouse', 'Boarding House', 'Alibi'],
    patterns: [...GENERAL_PATTERNS, ['What {place} Buried', 1], ['The {place} Files', 0.8], ['Nobody Leaves {place}', 0.8]],
  },
  light: {
    adjectives: ['Accidental', 'Perfectly Reasonable', 'Second-Hand', 'Unlikely', 'Tiny', 'Grand', 'Wonky',
      'Peculiar', 'Suspiciously Happy', 'Awkward', 'Slightly Famous', 'Last-Minute', 'Overbooked',
      'Fake', 'Very Good', 'Mostly Harmless'],
    nouns: ['Wedding', 'Roommate', 'Vacation', 'Bakery', 'Heist', 'Karaoke Night', 'Inheritance',
      'Dinner Party', 'Road Trip', 'Houseguest', 'Family Reunion', 'Book Club', 'Food Truck',
      'Bridesmaid', 'Neighbours', 'Talent Show', 'Exchange Student', 'Ferry Ride'],
    patterns: [...GENERAL_PATTERNS, ['{name} Gets a {noun}', 1], ['Meanwhile in {place}', 1], ['{noun} Season', 0.4]],
  },
  kids: {
    adjectives: ['Little', 'Giggling', 'Sparkly', 'Brave', 'Sleepy', 'Wobbly', 'Bouncy', 'Busy', 'Marvellous',
      'Rainbow', 'Moonlit', 'Zippy', 'Fuzzy', 'Tiny', 'Whistling', 'Upside-Down'],
    nouns: ['Dragonfly', 'Tugboat', 'Treehouse', 'Moon Kite', 'Robot', 'Pancake', 'Puddle', 'Snail',
      'Balloon', 'Acorn', 'Submarine', 'Yeti', 'Comet', 'Hedgehog', 'Teapot', 'Lighthouse', 'Dinosaur',
      'Rocket', 'Caterpillar', 'Cloud'],
    patterns: [
      ['{name} and the {adj} {noun}', 5], ['The {adj} {noun}', 5], ["{name}'s {adj} {noun}", 3],
      ['{noun} Pals', 2], ['The {adj} {noun} Club', 2], ['{name} Goes to {place}', 1.5], ['Hello, {noun}!', 1],
    ],
  },
  epic: {
    adjectives: ['Ninth', 'Shattered', 'Starless', 'Sunken', 'Endless', 'Gilded', 'Ashen', 'Outer',
      'Obsidian', 'Winterbound', 'Hundredth', 'Drifting', 'Silver', 'Hidden', 'Broken', 'Seventh'],
    nouns: ['Meridian', 'Colony', 'Archive', 'Sigil', 'Dominion', 'Voyage', 'Vault', 'Kingdom', 'Frontier',
      'Beacon', 'Oracle', 'Armada', 'Cartographer', 'Reliquary', 'Tidewalker', 'Lighthouse', 'Pilgrim',
      'Orbit', 'Mapmaker', 'Regent'],
    patterns: [...GENERAL_PATTERNS, ['Chronicles of {place}', 1.2], ['The {word} Saga', 0.8], ['Beyond {place}', 1]],
  },
  heart: {
    adjectives: ['Late', 'Unsent', 'Small', 'Golden', 'Second', 'Paper', 'Gentle', 'Faraway', 'Unfinished',
      'Tender', 'Winter', 'Summer', 'Borrowed', 'Long', 'Ordinary', 'Blue-Hour'],
    nouns: ['Letters', 'Hours', 'Promise', 'Garden', 'Waltz', 'Portrait', 'Harbour', 'Postcards',
      'Afternoon', 'Chorus', 'Recital', 'Vineyard', 'Lullaby', 'Bookshop', 'Window', 'Seasons', 'Orchard'],
    patterns: [...GENERAL_PATTERNS, ['Dear {name}', 1], ['{name} in {place}', 1.2], ['The Year of {noun}', 0.8]],
  },
  sport: {
    adjectives: ['Long', 'Comeback', 'Final', 'Wild-Card', 'Underdog', 'Home', 'Perfect', 'Extra', 'Away'],
    nouns: ['Season', 'Sprint', 'Relay', 'Derby', 'Rally', 'Lap', 'Whistle', 'Playoff', 'Innings', 'Regatta',
      'Rematch', 'Trials'],
    patterns: [['{place} {team}', 4], ['The {adj} {noun}', 4], ['{adj} {noun}', 2], ['{name} Runs', 1], ['Fourth and {place}', 0.5]],
  },
  doc: {
    adjectives: ['Invisible', 'Secret', 'Hidden', 'Unseen', 'Deep', 'Electric', 'Vanishing', 'Wild',
      'Untold', 'Forgotten', 'Floating', 'Night'],
    nouns: ['Kitchens', 'Rivers', 'Archives', 'Machines', 'Oceans', 'Bees', 'Markets', 'Forests', 'Glaciers',
      'Railways', 'Lighthouses', 'Choirs', 'Salt Farmers', 'Bridges', 'Orchards', 'Signals'],
    patterns: [
      ['The {adj} {noun}', 4], ['Inside the {noun}', 2], ['{place}: The {adj} Years', 2], ['Voices of {place}', 1.5],
      ['The {place} Files', 1.5], ['{adj} {noun} of {place}', 1.5], ['Making {word}', 1],
    ],
  },
  truecrime: {
    adjectives: ['Vanishing', 'Unsolved', 'Missing', 'Night', 'Silent', 'Second', 'Lost', 'Sealed'],
    nouns: ['Alibi', 'Confession', 'Witness', 'Verdict', 'Heiress', 'Ferryman', 'Motel', 'Inheritance', 'Tapes', 'Ledger', 'Jury'],
    patterns: [
      ['The {place} Files', 3], ['The {adj} {noun}', 3], ['Cold Case: {place}', 2], ['The {noun} of {place}', 2],
      ['{place}: The {adj} {noun}', 1],
    ],
  },
  reality: {
    adjectives: ['Ultimate', 'Extreme', 'Million-Dollar', 'Secret', 'Backyard', 'Midnight', 'Budget', 'Wild'],
    nouns: ['Kitchen', 'Villa', 'Makeover', 'Bake', 'Flip', 'Camp', 'Garden', 'Cabin', 'Road Trip', 'Auction',
      'Dinner Date', 'Tiny House'],
    patterns: [
      ['The {place} Villa', 2], ['{adj} {noun} Challenge', 4], ['Love in {place}', 2], ['Camp {word}', 1.5],
      ['{noun} Rescue', 1.5], ['The Great {place} {noun}', 2],
    ],
  },
  standup: {
    adjectives: [], nouns: [],
    patterns: [['{performer}: {bit}', 6], ['{bit}', 1]],
  },
};

/** Sports team nicknames for `{team}`. */
export const TEAM_NAMES: readonly string[] = [
  'Rovers', 'Wanderers', 'Kestrels', 'Comets', 'Harriers', 'Mariners', 'Foxes', 'Ironclads', 'Lanterns', 'Otters',
];

/** Stand-up special subtitles for `{bit}`. */
export const STANDUP_BITS: readonly string[] = [
  'Too Loud for Brunch', 'Live from the Laundromat', 'Please Clap', 'Overthinking It', 'My Mother Is Watching',
  'Small Talk, Big Feelings', 'Unpaid Intern Energy', 'Nobody Asked', 'Group Chat Confidential',
  'Technically a Grown-Up', 'Reply All', 'Mild Peril', 'Out of Office', 'Terms and Conditions',
  'Aisle Seven', 'Dad Shoes', 'Low Battery', 'Read Receipts', 'Loud Quitting', 'Deeply Fine',
];

// ---------------------------------------------------------------------------------------------
// Synopses

/** Short episode synopses; `{character}` is a cast member's character name. */
export const EPISODE_BEATS: Readonly<Record<'fiction' | 'kids' | 'nonFiction', readonly string[]>> = {
  fiction: [
    '{character} uncovers an old debt.', '{character} makes a bargain that cannot be undone.',
    'An unexpected guest forces {character} to choose a side.', '{character} follows a lead out of town.',
    'A storm traps everyone under one roof.', '{character} tells a lie that grows.', 'Old friends meet on opposite sides.',
    '{character} finally gets an answer and wishes otherwise.', 'A celebration is interrupted.', '{character} runs out of time.',
  ],
  kids: [
    '{character} learns to share the last cookie.', '{character} builds a rocket out of boxes.',
    'A rainy day turns into an adventure.', '{character} helps a lost duckling find home.', 'Everyone gets ready for the big show.',
  ],
  nonFiction: [
    'The season begins with high hopes.', 'A surprise changes the plan.', 'The pressure starts to show.',
    'An old tradition gets a new twist.', 'Everything comes down to one final day.',
  ],
};

/** Words for episode names. */
export const EPISODE_WORDS = {
  adjectives: ['Quiet', 'Crooked', 'Borrowed', 'Second', 'Silver', 'Uninvited', 'Unfinished', 'Long', 'Small', 'Burning',
    'Paper', 'Hidden', 'Sleepless', 'Honest', 'Broken', 'Open', 'Golden', 'Cold', 'Lucky', 'Wrong'],
  nouns: ['Lantern', 'Ferry', 'Ledger', 'Orchard', 'Telegram', 'Compass', 'Harvest', 'Fever', 'Signal', 'Verdict', 'Tide',
    'Glasshouse', 'Inheritance', 'Blackout', 'Crossing', 'Masquerade', 'Wedding', 'Storm', 'Ceasefire', 'Reunion',
    'Audition', 'Confession', 'Ransom', 'Wake', 'Eclipse', 'Drought', 'Carnival', 'Homecoming', 'Key', 'Door', 'Map',
    'Truce', 'Bridge', 'Visitor', 'Rehearsal', 'Night Shift', 'Thaw', 'Bargain', 'Parade', 'Debt'],
  patterns: [
    ['The {noun}', 6], ['{adj} {noun}', 5], ['The {adj} {noun}', 4], ['{noun} and {noun}', 2], ['What the {noun} Knew', 1],
    ['Before the {noun}', 1.5], ['After the {noun}', 1.5], ['The {noun} Problem', 1], ['Under the {noun}', 1],
  ] as const satisfies readonly (readonly [string, number])[],
} as const;

// ---------------------------------------------------------------------------------------------
// People
