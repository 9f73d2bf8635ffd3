import { api, withQuery } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { Row } from '../components/Row';
import { logImpression } from '../impressions';
import { navigate } from '../router';
import type { HomeResponse, HomeRow, TitleCard } from '../types';
import { useLoad } from '../useApi';

/** Subtitles for the reasons worth explaining; the row title says enough for the others. */
const SUBTITLES: Record<string, string> = {
  top_picks_history: 'Picked from what you watch',
  top_picks_popular: 'Popular picks to get you started',
  trending_country: 'What people near you are watching',
  genre_affinity: 'Because you watch a lot of these',
};

/** The hero: the first playable title the rows lead with (Continue Watching first), else the first title. */
function heroOf(rows: readonly HomeRow[]): TitleCard | undefined {
  for (const row of rows) {
    const playable = row.items.find((t) => t.playable);
    if (playable) return playable;
  }
  return rows[0]?.items[0];
}

/** The profile's home page: the rows of GET /v1/home, in the order given. */
export function HomePage({ profileId }: { profileId: string }) {
  const home = useLoad(`home:${profileId}`, () => api<HomeResponse>('GET', withQuery('/v1/home', { profileId, rowSize: 40 })));
  const rows = home.data?.rows ?? [];
  const hero = heroOf(rows);
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
      <ErrorNote error={home.error} onRetry={home.reload} />
      {home.loading && !home.data && <p className="muted pad">Loading…</p>}
      {home.data?.degraded && (
        <p className="muted pad degraded-note" role="status">
          Personalization is unavailable right now; showing what is popular.
        </p>
      )}
      {rows.map((row) => (
        <Row
          key={row.id}
          rowId={row.id}
          name={row.title}
          titles={row.items}
          {...(SUBTITLES[row.reason] ? { subtitle: SUBTITLES[row.reason] } : {})}
          onShown={() => logImpression(profileId, row.id, row.items.map((t) => t.id))}
        />
      ))}
    </main>
  );
}
