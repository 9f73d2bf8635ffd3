import type { Title } from '../catalog/model.js';
import { AppError } from '../errors.js';
import type { Cache } from '../platform/cache/types.js';
import { decodeTimeCursor, encodeTimeCursor } from './cursor.js';
import { HotCache, textDigest } from './hot-cache.js';
import { ListPages } from './list-pages.js';
import type { ListEntry, Page, Rating, RatingValue } from './model.js';
import type { AccountsOptions } from './options.js';
import type { PersonalRepository } from './personal-repository.js';
import type { ProfileAccess } from './profiles.js';
import type { RatingRow } from './tables.js';
import type { VisibleTitles } from './visible.js';

/** A profile's list as it sees it, in display order (newest first unless reordered). */
export type VisibleList = readonly (ListEntry & { title: Title })[];

function toRating(row: RatingRow): Rating {
  return { titleId: row.title_id, rating: row.rating as RatingValue, ratedAt: row.rated_at.toISOString() };
}

type PersonalOptions = Pick<AccountsOptions, 'hotCacheTtlMs' | 'maxListItems' | 'listPages' | 'now'>;

/** A profile's My List and ratings. */
export class PersonalService {
  // The ordered list per profile: the hot read of the home page and of GET …/list.
  private readonly lists: HotCache<ListEntry[]>;
  private readonly pages: ListPages;

  constructor(
    private readonly repo: PersonalRepository,
    private readonly titles: VisibleTitles,
    cache: Cache,
    private readonly options: PersonalOptions,
  ) {
    this.lists = new HotCache(cache, 'list:', options.hotCacheTtlMs);
    this.pages = new ListPages(options.listPages);
  }

  /**
   * A page of My List as `render` writes it (JSON), as bytes: kept per profile and reused while the
   * list, the viewer and the catalog are unchanged (list-pages.ts), so a hot read is a cache read, a
   * digest and a lookup. `shape` names what else `render` depends on (offset and limit).
   */
  async myListPage(access: ProfileAccess, shape: string, render: (list: VisibleList) => string): Promise<Buffer> {
    const profileId = access.profile.id;
    const text = await this.entriesText(profileId);
    const at = this.options.now().getTime();
    const { snapshot, until } = this.titles.validity(access.viewer, at);
    const key = { digest: textDigest(text), shape, viewer: access.viewer, snapshot, at };
    const held = this.pages.get(profileId, key);
    if (held) return held;
    const json = Buffer.from(render(this.titles.filter(access.viewer, this.entriesFromText(text))));
    this.pages.set(profileId, key, until, json);
    return json;
  }

  /** The raw ordered entries (title ids), cached. */
  async entries(profileId: string): Promise<readonly ListEntry[]> {
    return (await this.lists.get(profileId, () => this.loadEntries(profileId))) ?? [];
  }

  /**
   * The raw ordered entries as the shared cache holds them (JSON text): equal texts, equal lists.
   * Home pages compare texts to tell "unchanged" and parse (`entriesFromText`) only when it changed.
   */
  async entriesText(profileId: string): Promise<string> {
    return (await this.lists.text(profileId, () => this.loadEntries(profileId))) ?? '[]';
  }

  /** The entries of a text `entriesText` answered, parsed afresh. */
  entriesFromText(text: string): ListEntry[] {
    return JSON.parse(text) as ListEntry[];
  }

  private async loadEntries(profileId: string): Promise<ListEntry[]> {
    return (await this.repo.listEntries(profileId)).map((row) => ({ titleId: row.title_id, addedAt: row.added_at.toISOString() }));
  }

  /**
   * Puts a title in the list: new titles go to the top, titles already there stay put, and an
   * explicit `position` (0 = top) moves it there. Returns where it ended up.
   */
  async addToList(access: ProfileAccess, titleId: string, position?: number): Promise<{ titleId: string; position: number }> {
    this.titles.require(access.viewer, titleId);
    const profileId = access.profile.id;
    const added = await this.repo.addToList(profileId, titleId, this.options.now(), this.options.maxListItems);
    if (added === 'full') throw new AppError('LIST_LIMIT_REACHED', undefined, { max: this.options.maxListItems });
    const ids = (await this.repo.listEntries(profileId)).map((row) => row.title_id);
    if (position !== undefined) {
      const others = ids.filter((id) => id !== titleId);
      const at = Math.min(position, others.length);
      others.splice(at, 0, titleId);
      await this.repo.reorder(profileId, others);
      await this.lists.invalidate(profileId);
      return { titleId, position: at };
    }
    await this.lists.invalidate(profileId);
    return { titleId, position: ids.indexOf(titleId) };
  }

  /** Takes a title off the list (a no-op when it is not there, so retries are safe). */
  async removeFromList(access: ProfileAccess, titleId: string): Promise<void> {
    if (await this.repo.removeFromList(access.profile.id, titleId)) await this.lists.invalidate(access.profile.id);
  }

  /** Sets or changes the profile's rating of a title. */
  async rate(access: ProfileAccess, titleId: string, rating: RatingValue): Promise<Rating> {
    this.titles.require(access.viewer, titleId);
    const row: RatingRow = { profile_id: access.profile.id, title_id: titleId, rating, rated_at: this.options.now() };
    await this.repo.upsertRating(row);
    return toRating(row);
  }

  /** Removes the profile's rating of a title (a no-op when there is none). */
  async unrate(access: ProfileAccess, titleId: string): Promise<void> {
    await this.repo.deleteRating(access.profile.id, titleId);
  }

  /** The profile's rating of one title, if any (for title pages and recommendations). */
  async ratingOf(profileId: string, titleId: string): Promise<RatingValue | undefined> {
    const row = await this.repo.findRating(profileId, titleId);
    return row ? toRating(row).rating : undefined;
  }

  /** The profile's ratings, most recent first, with keyset paging. */
  async ratings(access: ProfileAccess, cursor: string | undefined, limit: number): Promise<Page<Rating & { title: Title }>> {
    const rows = await this.repo.ratingsPage(access.profile.id, decodeTimeCursor(cursor), limit);
    const last = rows.at(-1);
    return {
      items: this.titles.filter(access.viewer, rows.map(toRating)),
      nextCursor: rows.length === limit && last ? encodeTimeCursor({ at: last.rated_at, titleId: last.title_id }) : null,
    };
  }
}
