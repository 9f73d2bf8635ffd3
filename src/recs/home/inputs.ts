import { LRUCache } from 'lru-cache';
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

export interface InputsOptions {
  /** Titles of history read per page: enough for Continue Watching, Because You Watched and Top Picks seeds. */
  historyDepth: number;
  /**
   * How long this node reuses a profile's inputs without asking the shared cache; 0 (the default)
   * asks on every page, because a title finished a moment ago must change the next page. The watch
   * service keeps the history in the shared cache and drops it on every write, so asking is cheap.
   */
  ttlMs: number;
  maxProfiles: number;
}

export const DEFAULT_INPUTS_OPTIONS: InputsOptions = { historyDepth: 60, ttlMs: 0, maxProfiles: 50_000 };

/**
 * Reads a profile's history (the watch service's `recent`, through the shared cache) and My List
 * (cached by the accounts module), keeping the pair for a short TTL and sharing concurrent loads.
 */
export class HomeInputsLoader {
  private readonly cache: LRUCache<string, HomeInputs>;
  private readonly loading = new Map<string, Promise<HomeInputs>>();
  // The watch service and My List answer the same array while nothing changed: the inputs derived
  // from it are then the same objects too (and page plans compare them by identity first).
  private readonly histories = new WeakMap<readonly object[], readonly WatchedTitle[]>();
  private readonly lists = new WeakMap<readonly object[], readonly string[]>();

  constructor(
    private readonly watch: WatchService,
    private readonly personal: PersonalService,
    private readonly options: InputsOptions = DEFAULT_INPUTS_OPTIONS,
  ) {
    this.cache = new LRUCache({ max: options.maxProfiles, ttl: Math.max(1, options.ttlMs) });
  }

  load(access: ProfileAccess): Promise<HomeInputs> {
    const key = this.keyOf(access);
    const hit = this.options.ttlMs > 0 ? this.cache.get(key) : undefined;
    if (hit) return Promise.resolve(hit);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.read(access).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async read(access: ProfileAccess): Promise<HomeInputs> {
    const [progress, entries] = await Promise.all([
      this.watch.recent(access, this.options.historyDepth),
      this.personal.entries(access.profile.id),
    ]);
    let history = this.histories.get(progress);
    if (!history) {
      history = progress.map((p) => ({
        titleId: p.titleId,
        completed: p.completed,
        positionSec: p.positionSec,
        durationSec: p.durationSec,
        at: Date.parse(p.updatedAt),
      }));
      this.histories.set(progress, history);
    }
    let list = this.lists.get(entries);
    if (!list) this.lists.set(entries, (list = entries.map((e) => e.titleId)));
    const inputs: HomeInputs = { history, list };
    if (this.options.ttlMs > 0) this.cache.set(this.keyOf(access), inputs);
    return inputs;
  }

  // Keyed by viewer too: the watch service filters history through the profile's ceiling and country.
  private keyOf(access: ProfileAccess): string {
    return `${access.profile.id}|${access.viewer.maxMaturityLevel}|${access.viewer.country ?? ''}`;
  }
}
