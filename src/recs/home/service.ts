import { constants as zlib, gunzipSync, gzipSync } from 'node:zlib';
import { textDigest } from '../../accounts/hot-cache.js';
import type { PersonalService } from '../../accounts/personal.js';
import type { ProfileAccess } from '../../accounts/profiles.js';
import type { WatchService } from '../../accounts/watch.js';
import type { Viewer } from '../../catalog/model.js';
import type { CatalogService } from '../../catalog/service.js';
import { AppError } from '../../errors.js';
import type { CacheHeld } from '../../platform/cache/types.js';
import type { DatasetStore } from '../store/dataset-store.js';
import { MAX_ROW_SIZE } from './arrange.js';
import { assembleHome, type DegradedReason } from './assemble.js';
import { CardDictionaries, cardsPath, toCard, type Card, type CardSet } from './cards.js';
import { ContentSimilarity } from './content-similarity.js';
import { HomeInputsLoader, type HomeInputs, type InputsStamp } from './inputs.js';
import { PagePlans } from './page-plans.js';
import { renderHome } from './render.js';
import { similarTitles } from './similar.js';
import { ViewerClassMemo } from './visibility.js';

export interface HomeServiceDeps {
  catalog: CatalogService;
  /** The published datasets; without a store every page is degraded (popularity rows). */
  store?: DatasetStore;
  /** The profile's own state (accounts module); without it pages have no history or list. */
  profileState?: { watch: WatchService; personal: PersonalService };
  now: () => Date;
  /** Profiles whose last page this node keeps for reuse while its inputs are unchanged (page-plans.ts); 0: none. */
  pagePlans?: number;
  /** Told of every page served: reused from its plan or assembled, and why degraded if it is (metrics). */
  onPage?: (page: { reused: boolean; degraded: DegradedReason | 'history_unavailable' | undefined }) => void;
}

/**
 * How a page's bytes go out: gzip for every client that accepts it (browsers and TV apps do), as
 * they are held; identity otherwise.
 */
export type PageEncoding = 'gzip' | 'identity';

/**
 * A page is compressed once, when it is assembled, and its plan holds the gzip bytes: a 7–12 kB page
 * of title references is ~1.5–3 kB on the wire, so a reused page is a smaller copy and a smaller
 * write, and 100 k plans hold a quarter of the memory. Level 6 is zlib's default: a page is
 * assembled once and sent many times, so its ratio matters more than its ~40–60 µs.
 */
const GZIP_LEVEL = zlib.Z_DEFAULT_COMPRESSION;

const NO_INPUTS: HomeInputs = { history: [], list: [] };
/** The stamp of a page without the profile's state (none to read, or it could not be read). */
const NO_STAMP: InputsStamp = { history: '', list: '' };
export const DEFAULT_PAGE_PLANS = 100_000;

/** Home pages and More Like This for the api: the online half of the recommendation system. */
export class HomeService {
  private readonly viewerClasses = new ViewerClassMemo();
  private readonly content = new ContentSimilarity();
  private readonly cards = new CardDictionaries();
  private readonly inputs: HomeInputsLoader | undefined;
  private readonly plans: PagePlans;

  constructor(private readonly deps: HomeServiceDeps) {
    this.plans = new PagePlans(deps.pagePlans ?? DEFAULT_PAGE_PLANS);
    const state = deps.profileState;
    this.inputs = state && new HomeInputsLoader(state.watch, state.personal);
  }

  /**
   * The profile's home page as JSON bytes in `encoding`. Missing or stale datasets give a page from
   * popularity, unreadable history one without the profile's own rows, both with `degraded` set,
   * never an error. A page reused from its plan in gzip is given to `body` in place (valid only
   * during that call), which returns the buffer to send, a copy; any other page is returned as it is.
   */
  async homeJson(access: ProfileAccess, size: number, encoding: PageEncoding, body: (bytes: Uint8Array) => Buffer): Promise<Buffer> {
    const { snapshot } = this.deps.catalog.view();
    const now = this.deps.now();
    let stamp = NO_STAMP;
    let historyFailed = false;
    try {
      if (this.inputs) stamp = await this.inputs.stamp(access);
    } catch {
      historyFailed = true; // the page still renders; the response says it is not personal
    }
    const health = this.deps.store?.health() ?? { state: 'degraded', reason: 'datasets_missing' as const };
    const degraded = health.state === 'degraded' ? health.reason : undefined;
    const viewerClass = this.viewerClasses.forViewer(snapshot, access.viewer, now);
    const datasets = this.deps.store?.current();
    const rowSize = Math.min(size, MAX_ROW_SIZE);
    const key = { snapshot, viewerClass, datasets, degraded, size: rowSize, profileName: access.profile.name, stateDigest: textDigest(stamp.history, stamp.list) };
    const kept = historyFailed ? undefined : this.plans.get(access.profile.id, key, encoding === 'gzip' ? body : (held) => gunzipSync(held));
    if (kept) {
      this.deps.onPage?.({ reused: true, degraded });
      return kept;
    }
    let inputs = NO_INPUTS;
    try {
      if (this.inputs && !historyFailed) inputs = this.inputs.read(access, stamp);
    } catch {
      historyFailed = true; // a cached text that does not parse: the same as history that cannot be read
    }
    this.deps.onPage?.({ reused: false, degraded: historyFailed ? 'history_unavailable' : degraded });
    const assembled = assembleHome({
      snapshot,
      visible: viewerClass.visible,
      country: access.viewer.country,
      profile: access.profile,
      inputs,
      datasets,
      degraded,
      shared: viewerClass.shared(degraded ? undefined : datasets),
      size: rowSize,
      contentNeighbours: (title) => this.content.neighbours(snapshot, title),
    });
    const cards = cardsPath(snapshot, { country: access.viewer.country, maxMaturityLevel: access.viewer.maxMaturityLevel });
    // Built without the profile's history and list: the response says so (datasets' degradation first).
    const page = historyFailed && !assembled.degraded ? { ...assembled, degraded: { reason: 'history_unavailable' as const } } : assembled;
    const json = Buffer.concat(renderHome(access.profile.id, page, cards));
    const keep = !historyFailed && this.plans.enabled;
    if (!keep && encoding === 'identity') return json;
    const gzipped = gzipSync(json, { level: GZIP_LEVEL });
    if (keep) this.plans.set(access.profile.id, key, gzipped);
    return encoding === 'gzip' ? gzipped : json;
  }

  /** What the page plans hold, for /metrics. */
  plansHeld(): CacheHeld {
    return this.plans.held();
  }

  /**
   * The card dictionary a home page's `cards` address names, as JSON bytes, with the catalog version
   * it was built from (the address's `version`; a client holding an older one asks again).
   */
  cardsJson(set: CardSet): { json: Buffer; catalogVersion: number } {
    const { snapshot } = this.deps.catalog.view();
    return { json: this.cards.json(snapshot, set), catalogVersion: snapshot.version };
  }

  /** More Like This for a title the viewer may see; TITLE_NOT_FOUND otherwise (as for an unknown id). */
  similar(titleId: string, viewer: Viewer, limit: number): { items: Card[]; source: 'dataset' | 'content' } {
    const { snapshot } = this.deps.catalog.view();
    const { visible } = this.viewerClasses.forViewer(snapshot, viewer, this.deps.now());
    const seed = snapshot.byId.get(titleId);
    if (!seed || !visible(seed)) throw new AppError('TITLE_NOT_FOUND', undefined, { id: titleId });
    const health = this.deps.store?.health();
    const datasets = health?.state === 'ok' ? this.deps.store?.current() : undefined;
    const result = similarTitles(snapshot, seed, datasets, (title) => this.content.neighbours(snapshot, title), visible, limit);
    return { items: result.titles.map(toCard), source: result.source };
  }
}
