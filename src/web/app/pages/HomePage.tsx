import { api, withQuery } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { Row } from '../components/Row';
import { navigate } from '../router';
import type { Genre, TitleSummary } from '../types';
import { useLoad } from '../useApi';

interface HomeRow {
  name: string;
  titles: TitleSummary[];
}

/** How many genre rows the home page shows until personalized rows (GET /v1/home) exist. */
const GENRE_ROWS = 6;

/** Titles started and not finished, newest first: the profile's positions, then each title's details. */
async function continueWatching(profileId: string): Promise<TitleSummary[]> {
  const { items } = await api<{ items: Array<{ titleId: string }> }>('GET', withQuery(`/v1/profiles/${encodeURIComponent(profileId)}/progress`, { limit: 20 }));
  const titles = await Promise.all(
    items.map((p) => api<TitleSummary>('GET', withQuery(`/v1/titles/${encodeURIComponent(p.titleId)}`, { profileId })).catch(() => null)),
  );
  // A title no longer available (window closed, maturity changed) drops out instead of breaking the row.
  return titles.filter((t): t is TitleSummary => t !== null);
}

/** Rows from what the API offers today: Continue Watching, My List, New releases, Popular, then genres. */
async function loadRows(profileId: string): Promise<HomeRow[]> {
  const page = (url: string): Promise<TitleSummary[]> => api<{ items: TitleSummary[] }>('GET', url).then((r) => r.items);
  const [watching, myList, fresh, popular, genres] = await Promise.all([
    continueWatching(profileId).catch(() => []),
    page(withQuery(`/v1/profiles/${encodeURIComponent(profileId)}/list`, { limit: 40 })),
    page(withQuery('/v1/new-releases', { profileId, limit: 30 })),
    page(withQuery('/v1/titles', { profileId, limit: 40 })),
    api<{ items: Genre[] }>('GET', '/v1/genres').then((r) => r.items),
  ]);
  const byPopularity = [...popular].sort((a, b) => b.popularity - a.popularity);
  // Genre rows load in parallel; one failing genre leaves a gap, not a broken page.
  const genreRows = await Promise.all(
    genres.slice(0, GENRE_ROWS).map(async (g) => ({
      name: g.name,
      titles: await page(withQuery(`/v1/genres/${encodeURIComponent(g.id)}/titles`, { profileId, limit: 30 })).catch(() => []),
    })),
  );
  return [{ name: 'Continue Watching', titles: watching }, { name: 'My List', titles: myList }, { name: 'New Releases', titles: fresh }, { name: 'Popular on Marquee', titles: byPopularity }, ...genreRows];
}

export function HomePage({ profileId }: { profileId: string }) {
  const rows = useLoad(`home:${profileId}`, () => loadRows(profileId));
  const hero = rows.data?.find((r) => r.name === 'New Releases')?.titles.find((t) => t.playable) ?? rows.data?.[1]?.titles[0];
  return (
    <main className="home-page">
      {hero && (
        <section className="hero" style={{ backgroundImage: `url(${hero.artwork.backdrop ?? `/v1/artwork/${encodeURIComponent(hero.id)}/backdrop.svg`})` }}>
          <div className="hero-text">
            <h1>{hero.name}</h1>
            <p>
              {hero.releaseYear} · {hero.maturityRating} · {hero.genres.join(', ')}
            </p>
            <div className="actions">
              {hero.playable && (
                <button type="button" className="btn" data-nav onClick={() => navigate(`/watch/${encodeURIComponent(hero.id)}`)}>
                  ▶ Play
                </button>
              )}
              <button type="button" className="btn btn-ghost" data-nav onClick={() => navigate(`/title/${encodeURIComponent(hero.id)}`)}>
                More info
              </button>
            </div>
          </div>
        </section>
      )}
      <ErrorNote error={rows.error} onRetry={rows.reload} />
      {rows.loading && !rows.data && <p className="muted pad">Loading…</p>}
      {rows.data?.map((row) => <Row key={row.name} name={row.name} titles={row.titles} />)}
    </main>
  );
}
