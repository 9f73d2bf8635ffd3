import type { PersonalService } from '../../accounts/personal.js';
import type { ProfileAccess } from '../../accounts/profiles.js';
import type { WatchService } from '../../accounts/watch.js';

/** One title the profile has played, from its latest position. */
export interface WatchedTitle {
  titleId: string;
  completed: boolean;
  positionSec: number;
  durationSec: number;
  /** ms since epoch of the latest position. */
  at: number;
}

/** What a home page needs of a profile's own state. Shared between requests: never mutate. */
export interface HomeInputs {
  /** One entry per title, newest first (finished titles included). */
  readonly history: readonly WatchedTitle[];
  /** My List title ids in display order. */
  readonly list: readonly string[];
}

/**
 * A profile's history and My List as the shared cache holds them (JSON texts). For one viewer, equal
 * stamps give equal inputs: a page plan keeps a digest of the stamp it was assembled from, and a page
 * view compares digests instead of parsing, or keeping, every member's history on the heap, which
 * the garbage collector would trace again and again.
 */
export interface InputsStamp {
  readonly history: string;
  readonly list: string;
}

/**
 * Reads a profile's history (the watch service's, through the shared cache, which it drops on every
 * write: a title finished a moment ago changes the next page) and My List (cached by the accounts
 * module), as a stamp, then as inputs when a page has to be assembled.
 */
export class HomeInputsLoader {
  constructor(
    private readonly watch: WatchService,
    private readonly personal: PersonalService,
  ) {}

  async stamp(access: ProfileAccess): Promise<InputsStamp> {
    const [history, list] = await Promise.all([this.watch.recentText(access.profile.id), this.personal.entriesText(access.profile.id)]);
    return { history, list };
  }

  /** The inputs a stamp stands for, through the viewer's filters (the watch service's). */
  read(access: ProfileAccess, stamp: InputsStamp): HomeInputs {
    const history = this.watch.recentFromText(access.viewer, stamp.history).map(
      (p): WatchedTitle => ({ titleId: p.titleId, completed: p.completed, positionSec: p.positionSec, durationSec: p.durationSec, at: Date.parse(p.updatedAt) }),
    );
    return { history, list: this.personal.entriesFromText(stamp.list).map((e) => e.titleId) };
  }
}
