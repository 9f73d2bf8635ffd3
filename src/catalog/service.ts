import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Db } from '../platform/db/index.js';
import type { Genre, Title, TitleInput } from './model.js';
import { normalizeTitle } from './normalize.js';
import { CatalogRepository } from './repository.js';
import { buildSearchIndex, type SearchIndex } from './search/index.js';
import { buildSnapshot, type CatalogSnapshot } from './snapshot.js';

/** The snapshot and the search index built from it; swapped together so they always agree. */
export interface CatalogView {
  readonly snapshot: CatalogSnapshot;
  readonly search: SearchIndex;
}

export interface CatalogServiceOptions {
  now?: () => Date;
  /** Called after a new view is swapped in (metrics, logs). */
  onSwap?: (view: CatalogView, buildMs: number) => void;
}

/**
 * The catalog module's entry point: writes go to the database, reads come from the current
 * in-memory view. Every write rebuilds the view; `refreshIfChanged` picks up other nodes' writes.
 */
export class CatalogService {
  private readonly repo: CatalogRepository;
  private current: CatalogView | undefined;
  private rebuilding: Promise<CatalogView> | undefined;
  private readonly now: () => Date;

  constructor(db: Db, private readonly options: CatalogServiceOptions = {}) {
    this.repo = new CatalogRepository(db);
    this.now = options.now ?? (() => new Date());
  }

  /** The view hot reads use; call `refresh()` once at start before serving. */
  view(): CatalogView {
    if (!this.current) throw new AppError('SERVICE_UNAVAILABLE', 'The catalog is still loading');
    return this.current;
  }

  /** Rebuilds the view from the database and swaps it in atomically. Concurrent calls share one build. */
  refresh(): Promise<CatalogView> {
    if (!this.rebuilding) {
      this.rebuilding = this.rebuild().finally(() => {
        this.rebuilding = undefined;
      });
    }
    return this.rebuilding;
  }

  /** Rebuilds only when the stored version moved (another node wrote); cheap enough to poll. */
  async refreshIfChanged(): Promise<boolean> {
    const version = await this.repo.version();
    if (this.current && version === this.current.snapshot.version) return false;
    await this.refresh();
    return true;
  }

  async createTitle(input: TitleInput): Promise<Title> {
    const id = input.id ?? `t-${randomUUID().slice(0, 8)}`;
    if (await this.repo.titleExists(id)) throw new AppError('CONFLICT', `A title with id "${id}" already exists`);
    const title = normalizeTitle(input, id, await this.repo.knownGenreIds(), undefined, this.now());
    await this.repo.saveTitles([title]);
    return this.titleAfterWrite(id);
  }

  /** Replaces a title's fields (episode ids and playability are kept where season/episode numbers match). */
  async replaceTitle(id: string, input: TitleInput): Promise<Title> {
    await this.ensureFresh();
    const existing = this.view().snapshot.byId.get(id);
    if (!existing) throw new AppError('TITLE_NOT_FOUND', undefined, { id });
    const title = normalizeTitle(input, id, await this.repo.knownGenreIds(), existing, this.now());
    await this.repo.saveTitles([title]);
    return this.titleAfterWrite(id);
  }

  async deleteTitle(id: string): Promise<void> {
    if (!(await this.repo.deleteTitle(id))) throw new AppError('TITLE_NOT_FOUND', undefined, { id });
    await this.refresh();
  }

  async upsertGenres(genres: Genre[]): Promise<void> {
    await this.repo.upsertGenres(genres);
    await this.refresh();
  }

  /** Bulk import for seeding: genres then titles, all validated before anything is written. */
  async importCatalog(genres: Genre[], inputs: TitleInput[]): Promise<number> {
    const known = new Set([...(await this.repo.knownGenreIds()), ...genres.map((g) => g.id)]);
    const now = this.now();
    const titles = inputs.map((input) => normalizeTitle(input, input.id ?? `t-${randomUUID().slice(0, 8)}`, known, undefined, now));
    await this.repo.upsertGenres(genres);
    for (let i = 0; i < titles.length; i += 1000) await this.repo.saveTitles(titles.slice(i, i + 1000));
    await this.refresh();
    return titles.length;
  }

  /** Marks a title or one of its episodes playable (called by the media pipeline when packaging is done). */
  async setPlayable(titleId: string, episodeId: string | undefined, playable: boolean): Promise<void> {
    const missing = await this.setPlayableMany([{ titleId, episodeId }], playable);
    if (missing.length > 0) throw new AppError('TITLE_NOT_FOUND', undefined, { id: titleId });
  }

  /**
   * Marks many titles or episodes at once: one batched write and one snapshot rebuild, however many
   * there are (publishing a season, or the demo's shared clips). Returns the title ids that no longer exist.
   */
  async setPlayableMany(items: ReadonlyArray<{ titleId: string; episodeId?: string }>, playable: boolean): Promise<string[]> {
    await this.ensureFresh();
    const { byId } = this.view().snapshot;
    const changed = new Map<string, Title>();
    const missing: string[] = [];
    for (const { titleId, episodeId } of items) {
      const existing = changed.get(titleId) ?? byId.get(titleId);
      if (!existing) {
        missing.push(titleId);
        continue;
      }
      const seasons = existing.seasons.map((s) => ({
        ...s,
        episodes: s.episodes.map((e) => (e.id === episodeId ? { ...e, playable } : e)),
      }));
      const anyEpisode = seasons.some((s) => s.episodes.some((e) => e.playable));
      changed.set(titleId, {
        ...existing,
        seasons,
        playable: episodeId === undefined ? playable : anyEpisode,
        updatedAt: this.now().toISOString(),
      });
    }
    if (changed.size > 0) {
      const titles = [...changed.values()];
      for (let i = 0; i < titles.length; i += 1000) await this.repo.saveTitles(titles.slice(i, i + 1000));
      await this.refresh();
    }
    return missing;
  }

  private async ensureFresh(): Promise<void> {
    if (!this.current) await this.refresh();
    else await this.refreshIfChanged();
  }

  private async titleAfterWrite(id: string): Promise<Title> {
    const view = await this.refresh();
    const title = view.snapshot.byId.get(id);
    if (!title) throw new AppError('TITLE_NOT_FOUND', undefined, { id });
    return title;
  }

  private async rebuild(): Promise<CatalogView> {
    const started = performance.now();
    const { version, titles, genres } = await this.repo.loadAll();
    const snapshot = buildSnapshot(version, titles, genres);
    const view: CatalogView = { snapshot, search: buildSearchIndex(snapshot) };
    // A slower concurrent build must never replace a newer view.
    if (!this.current || this.current.snapshot.version <= version) this.current = view;
    this.options.onSwap?.(this.current, performance.now() - started);
    return this.current;
  }
}
