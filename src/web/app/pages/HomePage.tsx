import { api, withQuery } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { Row } from '../components/Row';
import { logImpression } from '../impressions';
import { navigate } from '../router';
import type { CardsResponse, HomeResponse, HomeRow, TitleCard } from '../types';
import { useLoad } from '../useApi';

/**
 * Card dictionaries by address, for the app's lifetime: a home page names one per catalog version,
 * so coming back home does not fetch it again.
 */
const dictionaries = new Map<string, Promise<CardsResponse>>();
function cardsAt(url: string): Promise<CardsResponse> {
  let loading = dictionaries.get(url);
  if (!loading) {
    loading = api<CardsResponse>('GET', url);
    loading.catch(() => dictionaries.delete(url)); // a failed load is tried again next time
    dictionaries.set(url, loading);
  }
  return loading;
}

/** A row's items as cards; a title missing from the dictionary (its catalog changed since) is left out. */
function cardsOf(row: HomeRow, cards: CardsResponse['cards']): TitleCard[] {
  const out: TitleCard[] = [];
  for (const item of row.items) {
    const card = cards[item.id];
    if (card) out.push(item.progress ? { ...card, progress: item.progress } : card);
  }
  return out;
}

/** Subtitles for the reasons worth explaining; the row title says enough for the others. */
const SUBTITLES: Record<string, string> = {
  top_picks_history: 'Picked from what you watch',
  top_picks_popular: 'Popular picks to get you started',
  trending_country: 'What people near you are watching',
  genre_affinity: 'Because you watch a lot of these',
};

/** The hero: the first playable title the rows lead with (Continue Watching first), else the first title. */
function heroOf(rows: readonly TitleCard[][]): TitleCard | undefined {
  for (const row of rows) {
    const playable = row.find((t) => t.playable);
    if (playable) return playable;
  }
  return rows[0]?.[0];
}

/** The profile's home page: the rows of GET /v1/home, in the order given. */
export function HomePage({ profileId }: { profileId: string }) {
  const home = useLoad(`home:${profileId}`, () => api<HomeResponse>('GET', withQuery('/v1/home', { profileId, rowSize: 40 })));
  const cardsUrl = home.data?.cards;
  const dictionary = useLoad(`cards:${cardsUrl ?? ''}`, () => (cardsUrl ? cardsAt(cardsUrl) : Promise.resolve(undefined)));
  const cards = dictionary.data?.cards;
  const rows = cards ? (home.data?.rows ?? []).map((row) => ({ row, titles: cardsOf(row, cards) })) : [];
  const hero = heroOf(rows.map((r) => r.titles));
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
      <ErrorNote error={dictionary.error} onRetry={dictionary.reload} />
      {(home.loading || dictionary.loading) && rows.length === 0 && <p className="muted pad">Loading…</p>}
      {home.data?.degraded && (
        <p className="muted pad degraded-note" role="status">
          Personalization is unavailable right now; showing what is popular.
        </p>
      )}
      {rows.map(({ row, titles }) => (
        <Row
          key={row.id}
          rowId={row.id}
          name={row.title}
          titles={titles}
          {...(SUBTITLES[row.reason] ? { subtitle: SUBTITLES[row.reason] } : {})}
          onShown={() => logImpression(profileId, row.id, titles.map((t) => t.id))}
        />
      ))}
    </main>
  );
}
