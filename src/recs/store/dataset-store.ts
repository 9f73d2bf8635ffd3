import type { BlobStore } from '../../platform/blobs/index.js';
import type { CommunitiesDataset, RecsDatasets, ScoredTitle } from '../datasets.js';
import { readCurrentVersion, readVersion } from './read.js';

/**
 * One published version held in memory, with its keyed datasets as Maps (no prototype-key surprises).
 * The parsed files are not kept beside them: at 100 k profiles their objects keyed by profile and
 * title are ~10 MB of old generation that every full collection would mark for nothing.
 */
export interface LoadedDatasets {
  readonly version: string;
  readonly createdAt: Date;
  readonly loadedAt: Date;
  readonly trending: ReadonlyMap<string, readonly ScoredTitle[]>;
  readonly top10: ReadonlyMap<string, { readonly movies: readonly ScoredTitle[]; readonly shows: readonly ScoredTitle[] }>;
  readonly similar: ReadonlyMap<string, readonly ScoredTitle[]>;
  readonly affinity: ReadonlyMap<string, Readonly<Record<string, number>>>;
  readonly popularity: readonly ScoredTitle[];
  readonly communities: CommunitiesDataset;
}

/** Why the datasets cannot be used as they are: none published (or unreadable), or too old. */
export type DatasetsHealth = { state: 'ok' } | { state: 'degraded'; reason: 'datasets_missing' | 'datasets_stale' };

export interface DatasetStatus {
  version: string | null;
  /** Seconds since the held version's run started; null when none is held. */
  ageSeconds: number | null;
  health: DatasetsHealth;
  /** The last load failure, kept until a load succeeds. */
  lastError: string | null;
}

export interface DatasetStoreOptions {
  /** How often `recs/CURRENT` is polled once started. */
  pollIntervalMs: number;
  /** Past this age the datasets are still served but the page says it is degraded. */
  staleAfterMs: number;
  now?: () => Date;
  /** Called after a version is swapped in, or when the published pointer disappears (version null). */
  onSwap?: (version: string | null, loadMs: number) => void;
  /** Called when a poll or load fails; the held version stays. */
  onError?: (err: unknown) => void;
}

export const DEFAULT_STORE_OPTIONS: DatasetStoreOptions = { pollIntervalMs: 30_000, staleAfterMs: 48 * 3600_000 };

function index(version: string, raw: RecsDatasets, loadedAt: Date): LoadedDatasets {
  return {
    version,
    createdAt: new Date(raw.manifest.createdAt),
    loadedAt,
    trending: new Map(Object.entries(raw.trending)),
    top10: new Map(Object.entries(raw.top10)),
    similar: new Map(Object.entries(raw.similar)),
    affinity: new Map(Object.entries(raw.affinity)),
    popularity: raw.popularity,
    communities: raw.communities,
  };
}

/**
 * The recommendation datasets an api node serves from: the published version, loaded from blobs and
 * swapped in atomically when `recs/CURRENT` moves (no restart). A version that fails to load leaves
 * the held one in place; a pointer that is gone (datasets deleted) empties the store, and readers
 * then degrade to catalog popularity.
 */
export class DatasetStore {
  private held: LoadedDatasets | undefined;
  private lastError: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<boolean> | undefined;
  private readonly options: DatasetStoreOptions;
  private readonly now: () => Date;

  constructor(private readonly blobs: BlobStore, options: Partial<DatasetStoreOptions> = {}) {
    this.options = { ...DEFAULT_STORE_OPTIONS, ...options };
    this.now = this.options.now ?? (() => new Date());
  }

  /** The held version, or undefined when none is published or none could be loaded yet. */
  current(): LoadedDatasets | undefined {
    return this.held;
  }

  /** Whether readers may use the held datasets as personalised data. */
  health(): DatasetsHealth {
    const held = this.held;
    if (!held) return { state: 'degraded', reason: 'datasets_missing' };
    if (this.now().getTime() - held.createdAt.getTime() > this.options.staleAfterMs) return { state: 'degraded', reason: 'datasets_stale' };
    return { state: 'ok' };
  }

  status(): DatasetStatus {
    const held = this.held;
    return {
      version: held?.version ?? null,
      ageSeconds: held ? Math.max(0, (this.now().getTime() - held.createdAt.getTime()) / 1000) : null,
      health: this.health(),
      lastError: this.lastError,
    };
  }

  /**
   * Reads `recs/CURRENT` and loads the version it names when it differs from the held one. True when
   * the held version changed. Never throws: failures are recorded and the held version stays.
   * Concurrent calls share one poll.
   */
  refresh(): Promise<boolean> {
    this.polling ??= this.poll().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async poll(): Promise<boolean> {
    const started = performance.now();
    try {
      const version = await readCurrentVersion(this.blobs);
      if (version === undefined) {
        if (!this.held) return false;
        this.held = undefined;
        this.options.onSwap?.(null, performance.now() - started);
        return true;
      }
      if (version === this.held?.version) return false;
      const loaded = index(version, await readVersion(this.blobs, version), this.now());
      this.held = loaded; // one assignment: readers see the old version or the whole new one
      this.lastError = null;
      this.options.onSwap?.(version, performance.now() - started);
      return true;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      this.options.onError?.(err);
      return false;
    }
  }

  /** Loads now, then polls every `pollIntervalMs` until `stop()`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer ??= setInterval(() => void this.refresh(), this.options.pollIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
  }
}
