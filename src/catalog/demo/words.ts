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

/**
 * Synopsis pools per mood. Fiction templates fill `{hero}` (a role plus the lead's name),
 * `{place}`, `{goal}`, `{inciting}`, `{twist}` and `{genre}`; non-fiction ones fill `{hero}`,
 * `{place}`, `{goal}`, `{twist}`, `{performer}` and `{twist}`.
 */
export interface StoryPool {
  intros: readonly string[];
  roles: readonly string[];
  places: readonly string[];
  goals: readonly string[];
  incitings: readonly string[];
  middles: readonly string[];
  twists: readonly string[];
  closers: readonly string[];
}

const FICTION_INTROS = [
  'In {place}, {hero} sets out to {goal}.',
  '{Hero} has one week to {goal}.',
  'When {inciting}, {hero} must {goal}.',
  '{Hero} returns to {place} hoping to {goal}.',
  'Stranded in {place}, {hero} agrees to {goal}.',
  'After {inciting}, {hero} is drawn into a plan to {goal}.',
];
const FICTION_MIDDLES = [
  'But {twist}.',
  'Nothing goes to plan when {twist}.',
  'Then {twist}, and every choice starts to cost something.',
  'The trouble is that {twist}.',
];

/** Synopsis vocabulary per mood. */
export const STORY_POOLS: Readonly<Record<Mood, StoryPool>> = {
  action: {
    intros: FICTION_INTROS,
    roles: ['ex-smuggler', 'disgraced courier', 'retired stunt driver', 'off-duty paramedic', 'rookie bodyguard',
      'former safecracker', 'bush pilot', 'undercover dockworker', 'weary bounty hunter', 'ferry captain'],
    places: ['a neon-lit port city', 'a border town at the end of the railway', 'a skyscraper sealed for the night',
      'a convoy crossing the salt flats', 'a mountain pass in a blizzard', 'a crowded night market'],
    goals: ['deliver a sealed case across the border', 'pull off one last job', 'get a witness out of the city alive',
      'recover a stolen ledger', 'clear an old partner\'s name', 'stop a rigged auction'],
    incitings: ['a routine delivery goes wrong', 'an old debt is called in', 'a stranger dies in the back seat',
      'the power fails across the city', 'a rival crew moves first'],
    middles: FICTION_MIDDLES,
    twists: ['the client is the one doing the hunting', 'the case holds something alive', 'every exit has already been bought',
      'an old partner is working for the other side', 'the police are the least of the problems'],
    closers: ['A relentless {genre} about loyalty and second chances.', 'A fast, bruising {genre} with a big heart.',
      'A lean {genre} that never takes its foot off the gas.'],
  },
  dark: {
    intros: FICTION_INTROS,
    roles: ['night-shift nurse', 'junior coroner', 'grieving piano tuner', 'small-town sheriff', 'true-crime podcaster',
      'lighthouse keeper', 'insurance investigator', 'retired detective', 'hospice chaplain', 'locksmith'],
    places: ['a fog-bound fishing village', 'a crumbling seaside hotel', 'a drowned valley town', 'a sleepy lakeside resort',
      'an apartment block where nobody talks', 'a boarding school on a cliff'],
    goals: ['find a missing sister', 'learn what happened on the night of the flood', 'prove a confession was false',
      'sell the family house', 'identify a body nobody will claim', 'keep a promise made to a dying stranger'],
    incitings: ['a letter arrives twenty years late', 'the reservoir is drained for the first time', 'a child draws a house that burned down',
      'a neighbour vanishes mid-sentence', 'an old photograph shows one face too many'],
    middles: FICTION_MIDDLES,
    twists: ['the town has been keeping the same secret for generations', 'the only witness remembers things that have not happened yet',
      'the house seems to be listening', 'the missing are not the only ones hiding', 'the evidence points home'],
    closers: ['A slow-burning {genre} about guilt and what we choose to forget.', 'An unnerving {genre} that lingers long after the lights go up.',
      'A taut, atmospheric {genre} with a sting in its tail.'],
  },
  light: {
    intros: FICTION_INTROS,
    roles: ['overworked wedding planner', 'failed magician', 'anxious substitute teacher', 'newly single baker',
      'reluctant best man', 'hotel night manager', 'aspiring food critic', 'karaoke host', 'part-time tour guide'],
    places: ['a chaotic seaside town in high season', 'a family farm with too many goats', 'a cramped city flat',
      'a ski resort with no snow', 'an island ferry that keeps breaking down', 'a village preparing for its annual fair'],
    goals: ['save a failing bakery', 'fake an engagement for one weekend', 'win back a lost recipe',
      'organise a wedding in four days', 'keep a secret from the entire family', 'get a band back together'],
    incitings: ['a viral video ruins a perfectly good reputation', 'an inheritance comes with conditions', 'two bookings land on the same night',
      'the wrong suitcase comes home from the airport', 'a grandmother announces she is getting married'],
    middles: FICTION_MIDDLES,
    twists: ['the fake fiancé turns out to be very good at it', 'the goats have other plans', 'everyone else has a secret too',
      'the rival is annoyingly charming', 'the recipe was never written down'],
    closers: ['A warm, wry {genre} about family in every shape.', 'A breezy {genre} with more heart than it lets on.',
      'A big-hearted {genre} about saying yes to the mess.'],
  },
  kids: {
    intros: [
      '{Hero} sets off across {place} to {goal}.',
      'When {inciting}, {hero} and friends must {goal}.',
      'In {place}, {hero} dreams of a chance to {goal}.',
    ],
    roles: ['curious otter', 'tiny robot', 'brave young inventor', 'shy dragon', 'cheerful tugboat', 'clumsy owl',
      'little hedgehog', 'young explorer', 'singing snail'],
    places: ['a treetop village', 'a cloud kingdom', 'a busy harbour town', 'the bottom of the garden', 'a toy shop after closing time',
      'a sleepy seaside town'],
    goals: ['find the missing moon kite', 'bake the biggest pancake ever', 'help a lost star get home', 'win the great boat race',
      'make a new friend', 'fix the town clock before the festival'],
    incitings: ['a comet lands in the pond', 'the rain forgets to stop', 'a mysterious map blows in through the window',
      'the festival lanterns go missing'],
    middles: ['Along the way, {twist}.', 'But {twist}!'],
    twists: ['the kite has a mind of its own', 'they learn that the best plans are the shared ones', 'a grumpy badger needs help too',
      'everything goes gloriously wrong', 'the smallest friend has the biggest idea'],
    closers: ['A gentle, funny {genre} about friendship.', 'A bright, songful {genre} for the whole family.',
      'A sweet {genre} about being brave, one small step at a time.'],
  },
  epic: {
    intros: FICTION_INTROS,
    roles: ['young cartographer', 'exiled princess', 'disillusioned star pilot', 'apprentice archivist', 'deserter',
      'ship\'s cook', 'last keeper of the beacon', 'orphaned blacksmith', 'colony engineer', 'wandering monk'],
    places: ['a kingdom at the edge of the map', 'the last outpost on a frozen moon', 'a city built inside a dead volcano',
      'a generation ship halfway to nowhere', 'a frontier scorched by a hundred years of war', 'an empire on the brink'],
    goals: ['carry a forbidden map to the coast', 'wake a sleeping fleet', 'restore a broken crown', 'cross the drowned continent',
      'stop a war nobody remembers starting', 'decode the signal from the far side of the sun'],
    incitings: ['the beacons go dark', 'a falling star turns out to be a ship', 'the old king dies without an heir',
      'an ancient door opens by itself', 'the colony\'s clocks stop'],
    middles: FICTION_MIDDLES,
    twists: ['the map was drawn by someone still alive', 'the enemy speaks in a familiar voice', 'the prophecy was a mistranslation',
      'the ship has been here before', 'the price of victory is forgetting'],
    closers: ['A sweeping {genre} about courage, loss and home.', 'A spectacular {genre} of vast landscapes and small kindnesses.',
      'An ambitious {genre} that rewards the long journey.'],
  },
  heart: {
    intros: FICTION_INTROS,
    roles: ['widowed violinist', 'estranged daughter', 'retired schoolteacher', 'young architect', 'night-bus driver',
      'small-town florist', 'former choir singer', 'struggling novelist', 'ageing boxer', 'translator'],
    places: ['a village on the edge of the sea', 'a crowded city in summer', 'a family vineyard', 'a snowed-in mountain town',
      'a quiet street that is about to be demolished', 'a hospital ward at Christmas'],
    goals: ['finish a late mother\'s last symphony', 'reconnect with a brother after twenty years', 'save the family house',
      'keep a promise made at a wedding', 'learn to love again', 'write the letter that was never sent'],
    incitings: ['a box of old letters turns up in the attic', 'a diagnosis changes everything', 'an unexpected visitor knocks at midnight',
      'the family business is put up for sale', 'a chance meeting on a train refuses to be forgotten'],
    middles: FICTION_MIDDLES,
    twists: ['the past has been rewritten by someone who loved them', 'time is shorter than anyone admits', 'the stranger knows more than they say',
      'forgiveness turns out to be the hardest part', 'the letters were never meant for them'],
    closers: ['A tender {genre} about the people we carry with us.', 'An intimate, beautifully acted {genre} about second chances.',
      'A bittersweet {genre} about love, time and timing.'],
  },
  sport: {
    intros: FICTION_INTROS,
    roles: ['washed-up goalkeeper', 'teenage sprinter', 'retired rowing coach', 'boxing gym owner', 'benched point guard',
      'rookie jockey', 'chess prodigy', 'ageing cyclist'],
    places: ['a mining town with one football pitch', 'a run-down boxing gym', 'a provincial racetrack', 'a rowing club on a dying river',
      'a school with no budget and big dreams'],
    goals: ['lead a village team to the regional final', 'qualify for the national trials', 'win one last title',
      'keep the club from closing', 'beat the rival who ended a career'],
    incitings: ['the star player walks out', 'the sponsor pulls out a week before the season', 'an injury ends a comeback before it starts',
      'a scout finally comes to town'],
    middles: FICTION_MIDDLES,
    twists: ['the team\'s best player cannot legally play', 'the rival becomes the only ally', 'the body is not as young as the heart',
      'winning means leaving home'],
    closers: ['A rousing {genre} about grit and belonging.', 'An underdog {genre} that earns every cheer.'],
  },
  doc: {
    intros: [
      'This documentary follows {hero} across {place} as they {goal}.',
      'Filmed over three years in {place}, this film tracks {hero} who {goal}.',
      'With unprecedented access, {hero} {goal} in {place}.',
    ],
    roles: ['a team of volcanologists', 'three generations of salt farmers', 'a retired detective and two journalists',
      'a community of night-market cooks', 'a pair of glacier scientists', 'the last ferry crew on the coast', 'a youth choir',
      'a group of amateur astronomers'],
    places: ['the far north', 'a delta of shifting islands', 'a remote coastline', 'a city that never sleeps', 'a vanishing glacier',
      'a small island nation'],
    goals: ['race to map a volcano before it wakes', 'keep a centuries-old craft alive', 'reopen a case everyone else has closed',
      'try to save a dying river', 'prepare for the performance of their lives', 'chase a once-in-a-lifetime eclipse'],
    incitings: [],
    middles: ['Along the way, {twist}.', 'What they uncover is that {twist}.'],
    twists: ['old records tell a very different story', 'the landscape is changing faster than anyone predicted',
      'a decades-old case is reopened', 'the smallest voices matter most', 'a forgotten tradition is still alive'],
    closers: ['An intimate, beautifully shot {genre}.', 'A gripping {genre} that asks hard questions.',
      'A patient, humane {genre} about how we live now.'],
  },
  truecrime: {
    intros: [
      'Decades after {inciting}, {hero} revisit the case in {place}.',
      'In {place}, {hero} set out to {goal}.',
      'This {genre} follows {hero} as they {goal}.',
    ],
    roles: ['a retired detective and two journalists', 'a podcaster and a former juror', 'a family that never stopped asking questions',
      'a team of forensic volunteers', 'two sisters and a cold-case unit'],
    places: ['a quiet farming county', 'a lakeside resort town', 'a windswept seaside city', 'a small mountain parish'],
    goals: ['reopen a case everyone else has closed', 'find out what really happened on the night of the fire',
      'trace a fortune that vanished overnight', 'test a confession that never added up'],
    incitings: ['a disappearance that shocked the town', 'a trial that divided a country', 'a fire that was ruled an accident'],
    middles: ['What they uncover is that {twist}.', 'Along the way, {twist}.'],
    twists: ['old records tell a very different story', 'a key witness was never interviewed', 'the evidence was never tested',
      'someone has been sending anonymous letters for years'],
    closers: ['A meticulous {genre} that asks hard questions.', 'A gripping {genre} about memory and justice.'],
  },
  reality: {
    intros: [
      'Twelve strangers move into {place} to {goal}.',
      'Eight hopefuls arrive in {place} with one goal: to {goal}.',
      'Each week, contestants in {place} {goal}.',
    ],
    roles: [],
    places: ['a villa on a sun-baked island', 'a converted barn', 'a remote lodge', 'a warehouse kitchen', 'a country manor'],
    goals: ['compete for a life-changing prize', 'cook their way to the final', 'find love before the summer ends',
      'renovate a ruin in eight weeks', 'survive the wilderness on a shoestring'],
    incitings: [],
    middles: ['But {twist}.', 'Every week, {twist}.'],
    twists: ['alliances shift with every challenge', 'one surprise guest changes the rules', 'the judges are harder to please than expected',
      'someone goes home every Friday'],
    closers: ['Only one can take home the grand prize.', 'Expect tears, triumphs and at least one collapsed cake.'],
  },
  standup: {
    intros: [
      '{performer} takes the stage in {place} with an hour on {twist}.',
      'Recorded live in {place}, {performer} riffs on {twist}.',
    ],
    roles: [],
    places: ['a packed theatre', 'a tiny basement club', 'their hometown', 'a sold-out arena', 'a converted church'],
    goals: [],
    incitings: [],
    middles: ['Expect detours into {twist} and {twist}.', 'Nothing is off-limits, especially {twist}.'],
    twists: ['modern dating', 'group chats', 'airport security', 'being the eldest child', 'self-checkout machines', 'houseplants',
      'parents discovering emojis', 'gym memberships', 'wedding speeches', 'working from home', 'customer service hold music'],
    closers: ['Recorded before a very forgiving audience.', 'A sharp, generous hour of comedy.'],
  },
};

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

/** A naming culture: first names, surnames and the order they are written in. */
export interface NameCulture {
  first: readonly string[];
  last: readonly string[];
  familyFirst?: boolean;
}

/** Name pools by culture; keys for the demo's original languages match their language codes. */
export const NAME_CULTURES: Readonly<Record<string, NameCulture>> = {
  en: {
    first: ['Avery', 'Bridget', 'Callum', 'Daisy', 'Elliot', 'Fern', 'Gideon', 'Harriet', 'Imogen', 'Jasper', 'Keira',
      'Lachlan', 'Maisie', 'Nolan', 'Orla', 'Percy', 'Quinn', 'Rosalind', 'Silas', 'Tamsin', 'Wyatt', 'Hollis', 'Marlow',
      'Juniper', 'Desmond', 'Winifred', 'Rhys', 'Theodora', 'Thaddeus', 'Cressida'],
    last: ['Ashdown', 'Blackwood', 'Calloway', 'Dunmore', 'Everly', 'Fairweather', 'Greaves', 'Hartigan', 'Ingleby',
      'Kettering', 'Lowell', 'Merriweather', 'Northcott', 'Pembridge', 'Quarrington', 'Seward', 'Thackery', 'Underhill',
      'Whitlock', 'Yardley', 'Ashcombe', 'Brightwell', 'Colville', 'Dempsey-Hale'],
  },
  es: {
    first: ['Alejandro', 'Beatriz', 'Catalina', 'Diego', 'Esteban', 'Florencia', 'Gonzalo', 'Inés', 'Javier', 'Lucía',
      'Marisol', 'Nicolás', 'Paloma', 'Rodrigo', 'Ximena', 'Valentina', 'Íñigo', 'Remedios'],
    last: ['Alvarado', 'Bustamante', 'Cifuentes', 'Echeverría', 'Fuentes', 'Guzmán', 'Iturbe', 'Lozano', 'Mendívil',
      'Navarrete', 'Olmedo', 'Quiroga', 'Saavedra', 'Villaseñor', 'Arrieta', 'Zubiri'],
  },
  fr: {
    first: ['Amélie', 'Bastien', 'Camille', 'Delphine', 'Étienne', 'Faustine', 'Gaspard', 'Héloïse', 'Lucien', 'Margaux',
      'Noémie', 'Octave', 'Sidonie', 'Théo', 'Apolline', 'Clément'],
    last: ['Aubertin', 'Beaulieu', 'Delacour', 'Fontanel', 'Giraudet', 'Lacombe', 'Morel', 'Perrault', 'Rivière', 'Sauvage',
      'Vasseur', 'Thibodeau', 'Marchal', 'Lefebvre-Roux'],
  },
  de: {
    first: ['Anselm', 'Britta', 'Conrad', 'Dorothea', 'Emil', 'Friederike', 'Greta', 'Hannes', 'Ilse', 'Jannik', 'Klara',
      'Lorenz', 'Mathilde', 'Wiebke', 'Thilo', 'Ottilie'],
    last: ['Achterberg', 'Brenninger', 'Drechsler', 'Falkenrath', 'Hollweg', 'Kessler', 'Meinhardt', 'Oberlin', 'Ruhland',
      'Steinbach', 'Vogt', 'Wendland', 'Thalheim', 'Zirngibl'],
  },
  ja: {
    first: ['Aoi', 'Daichi', 'Emi', 'Haruto', 'Hina', 'Kaito', 'Mei', 'Ren', 'Sakura', 'Sora', 'Takumi', 'Yui', 'Yuto', 'Rin',
      'Kohaku', 'Tsubasa'],
    last: ['Aoyama', 'Fujisaki', 'Hoshino', 'Ichikawa', 'Kanzaki', 'Matsuda', 'Morikawa', 'Nakahara', 'Okabe', 'Sakaguchi',
      'Takeda', 'Yamaguchi', 'Shiraishi', 'Tachibana'],
  },
  ko: {
    first: ['Da-eun', 'Do-yun', 'Eun-ji', 'Ha-jun', 'Ji-woo', 'Min-seo', 'Seo-yeon', 'Si-woo', 'Su-ah', 'Tae-oh', 'Ye-jin',
      'Yoon-ho', 'Ha-eun', 'Jun-seo'],
    last: ['Baek', 'Choi', 'Han', 'Jang', 'Jeon', 'Kang', 'Moon', 'Nam', 'Seo', 'Yoon', 'Hwang', 'Oh'],
    familyFirst: true,
  },
  hi: {
    first: ['Aarav', 'Ananya', 'Arjun', 'Diya', 'Ishaan', 'Kavya', 'Meera', 'Nikhil', 'Priya', 'Rohan', 'Saanvi', 'Tanvi',
      'Vihaan', 'Zoya', 'Tara', 'Kabir'],
    last: ['Bhatt', 'Chaudhary', 'Deshpande', 'Iyer', 'Joshi', 'Kulkarni', 'Malhotra', 'Nair', 'Rao', 'Sethi', 'Trivedi',
      'Venkataraman', 'Thakur', 'Banerjee'],
  },
  pt: {
    first: ['Caio', 'Fernanda', 'Gabriela', 'Heitor', 'Isadora', 'João', 'Larissa', 'Matheus', 'Renata', 'Thiago', 'Yasmin',
      'Bruna', 'Otávio', 'Luana'],
    last: ['Albuquerque', 'Barros', 'Carvalho', 'Damasceno', 'Ferraz', 'Gouveia', 'Macedo', 'Nogueira', 'Pimentel',
      'Queiroz', 'Sampaio', 'Teixeira'],
  },
  it: {
    first: ['Alessia', 'Benedetta', 'Carlo', 'Donatella', 'Enzo', 'Federica', 'Giacomo', 'Ludovica', 'Matteo', 'Ottavia',
      'Raffaele', 'Serena', 'Tommaso', 'Viola'],
    last: ['Abbate', 'Bellandi', 'Caruso', 'De Santis', 'Ferrante', 'Galli', 'Lombardo', 'Marchetti', 'Orsini', 'Pellegrini',
      'Ricci', 'Vitale'],
  },
  yo: {
    first: ['Adaeze', 'Chidi', 'Folake', 'Ikenna', 'Kemi', 'Obinna', 'Tolu', 'Yewande', 'Ngozi', 'Emeka'],
    last: ['Adebayo', 'Balogun', 'Eze', 'Nwosu', 'Okafor', 'Oyelaran', 'Adeyemi', 'Okonkwo-Bell'],
  },
  ar: {
    first: ['Amira', 'Karim', 'Layla', 'Nadia', 'Omar', 'Rania', 'Samir', 'Yusuf', 'Dalia', 'Tariq'],
    last: ['Al-Amin', 'Haddad', 'Khoury', 'Mansour', 'Nassar', 'Saleh', 'Darwish', 'Farah'],
  },
  zh: {
    first: ['An', 'Bo', 'Jia', 'Lian', 'Mei-lin', 'Wen', 'Xiu', 'Zhen', 'Hao', 'Yun'],
    last: ['Chen', 'Guo', 'Lin', 'Song', 'Tang', 'Zhao', 'Xu', 'Feng'],
    familyFirst: true,
  },
  sv: {
    first: ['Astrid', 'Björn', 'Ebba', 'Linnea', 'Oskar', 'Sigrid', 'Torsten', 'Maja'],
    last: ['Ekström', 'Holmberg', 'Lindqvist', 'Nyberg', 'Sandström', 'Wallin'],
  },
  pl: {
    first: ['Agnieszka', 'Bartosz', 'Kasia', 'Tomasz', 'Zofia', 'Wojciech', 'Marek', 'Ola'],
    last: ['Mazur', 'Kaczmarek', 'Sikora', 'Wróbel', 'Dudek', 'Pawlak'],
  },
  tr: {
    first: ['Defne', 'Emre', 'Elif', 'Kerem', 'Selin', 'Mert', 'Ece', 'Baran'],
    last: ['Aydın', 'Demir', 'Kaya', 'Öztürk', 'Şahin', 'Yıldız'],
  },
};

/** Honorifics that sometimes turn a supporting character into "Detective Okafor". */
export const CHARACTER_TITLES: readonly string[] = [
  'Detective', 'Dr.', 'Captain', 'Sister', 'Professor', 'Inspector', 'Aunt', 'Mayor', 'Uncle', 'Judge', 'Officer', 'Grandma',
];

/** Whimsical character names for kids titles. */
export const KIDS_CHARACTERS: readonly string[] = [
  'Pip', 'Noodle', 'Tansy', 'Bramble', 'Professor Hoot', 'Mossy', 'Captain Puddle', 'Ziggy', 'Biscuit', 'Lulu Lark',
  'Button', 'Granny Fern', 'Sprocket', 'Mabel Moth', 'Dotty', 'Figgy', 'Tumble', 'Sir Waddles', 'Pebble', 'Juniper Jay',
  'Bolt', 'Clementine', 'Mister Mole', 'Poppy', 'Wiggles the Worm', 'Toffee',
];
