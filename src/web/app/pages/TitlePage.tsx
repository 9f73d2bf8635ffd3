import { useState } from 'react';
import { api, withQuery } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { MoreLikeThis } from '../components/MoreLikeThis';
import { RatingButtons } from '../components/RatingButtons';
import { navigate } from '../router';
import type { Progress, Title } from '../types';
import { useLoad } from '../useApi';

interface TitleData {
  title: Title;
  inList: boolean;
  progress: Progress[];
}

async function loadTitle(id: string, profileId: string): Promise<TitleData> {
  const p = encodeURIComponent(profileId);
  const [title, list, progress] = await Promise.all([
    api<Title>('GET', withQuery(`/v1/titles/${encodeURIComponent(id)}`, { profileId })),
    api<{ items: Array<{ id: string }> }>('GET', withQuery(`/v1/profiles/${p}/list`, { limit: 500 })),
    api<{ items: Progress[] }>('GET', withQuery(`/v1/profiles/${p}/progress`, { titleId: id })).catch(() => ({ items: [] })),
  ]);
  return { title, inList: list.items.some((t) => t.id === id), progress: progress.items };
}

const minutes = (m: number): string => (m >= 60 ? `${Math.floor(m / 60)}h ${m % 60}m` : `${m}m`);

/** Details of one title: backdrop, synopsis, cast, seasons and episodes, My List and Play. */
export function TitlePage({ id, profileId }: { id: string; profileId: string }) {
  const loaded = useLoad(`title:${id}:${profileId}`, () => loadTitle(id, profileId));
  const [inList, setInList] = useState<boolean | null>(null);
  const [season, setSeason] = useState(0);
  const [error, setError] = useState<unknown>(null);
  if (loaded.error) return <main className="pad"><ErrorNote error={loaded.error} onRetry={loaded.reload} /></main>;
  if (!loaded.data) return <main className="pad muted">Loading…</main>;
  const { title, progress } = loaded.data;
  const listed = inList ?? loaded.data.inList;
  const cast = title.people.filter((p) => p.role === 'actor').map((p) => p.name);
  const directors = title.people.filter((p) => p.role === 'director' || p.role === 'creator').map((p) => p.name);
  const shown = title.seasons[season];
  const positionOf = (episodeId: string | null): Progress | undefined => progress.find((p) => p.episodeId === episodeId);

  const toggleList = async (): Promise<void> => {
    setError(null);
    try {
      await api(listed ? 'DELETE' : 'PUT', `/v1/profiles/${encodeURIComponent(profileId)}/list/${encodeURIComponent(title.id)}`);
      setInList(!listed);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <main className="title-page">
      <section className="backdrop" style={{ backgroundImage: `url(${title.artwork.backdrop ?? `/v1/artwork/${encodeURIComponent(title.id)}/backdrop.svg`})` }}>
        <div className="hero-text">
          <h1>{title.name}</h1>
          <p className="meta">
            <span>{title.releaseYear}</span>
            <span className="rating">{title.maturityRating}</span>
            <span>{title.kind === 'show' ? `${title.seasons.length} season${title.seasons.length === 1 ? '' : 's'}` : minutes(title.runtimeMinutes)}</span>
            <span>{title.genres.join(' · ')}</span>
          </p>
          <div className="actions">
            {title.playable ? (
              <button type="button" className="btn" data-nav autoFocus onClick={() => navigate(`/watch/${encodeURIComponent(title.id)}`)}>
                ▶ {positionOf(null) ? 'Resume' : 'Play'}
              </button>
            ) : (
              <span className="muted">Video is still being prepared</span>
            )}
            <button type="button" className="btn btn-ghost" data-nav aria-pressed={listed} onClick={() => void toggleList()}>
              {listed ? '✓ My List' : '+ My List'}
            </button>
            <RatingButtons profileId={profileId} titleId={title.id} />
          </div>
          <ErrorNote error={error} />
        </div>
      </section>
      <section className="details pad">
        <p className="synopsis">{title.synopsis}</p>
        {cast.length > 0 && <p className="muted">Cast: {cast.slice(0, 8).join(', ')}</p>}
        {directors.length > 0 && <p className="muted">{title.kind === 'show' ? 'Created by' : 'Director'}: {directors.join(', ')}</p>}
      </section>
      {title.kind === 'show' && shown && (
        <section className="episodes pad">
          <div className="season-picker">
            {title.seasons.map((s, i) => (
              <button key={s.number} type="button" className={i === season ? 'chip on' : 'chip'} data-nav onClick={() => setSeason(i)}>
                {s.name || `Season ${s.number}`}
              </button>
            ))}
          </div>
          <ol className="episode-list">
            {shown.episodes.map((e) => {
              const watched = positionOf(e.id);
              return (
                <li key={e.id}>
                  <button
                    type="button"
                    className="episode"
                    data-nav
                    disabled={!e.playable}
                    onClick={() => navigate(`/watch/${encodeURIComponent(title.id)}?episode=${encodeURIComponent(e.id)}`)}
                  >
                    <span className="ep-num">{e.episodeNumber}</span>
                    <span className="ep-body">
                      <strong>{e.name}</strong> <span className="muted">{minutes(e.runtimeMinutes)}</span>
                      <span className="ep-synopsis">{e.synopsis}</span>
                      {watched && <progress max={watched.durationSec} value={watched.positionSec} />}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      <MoreLikeThis titleId={title.id} profileId={profileId} />
    </main>
  );
}
