import { navigate } from '../router';
import type { TitleCard } from '../types';

/** One poster in a row: a real image (the API's generated SVG when no artwork was uploaded), with progress when started. */
export function PosterCard({ title }: { title: TitleCard }) {
  const src = title.artwork.poster ?? `/v1/artwork/${encodeURIComponent(title.id)}/poster.svg`;
  return (
    <a
      className="poster-card"
      href={`/title/${encodeURIComponent(title.id)}`}
      data-nav
      data-title-id={title.id}
      aria-label={`${title.name} (${title.releaseYear})`}
      onClick={(event) => {
        event.preventDefault();
        navigate(`/title/${encodeURIComponent(title.id)}`);
      }}
    >
      <img src={src} alt="" loading="lazy" width={200} height={300} />
      {title.progress && <progress className="poster-progress" max={title.progress.durationSec} value={title.progress.positionSec} />}
      <span className="poster-caption">
        {title.name}
        {!title.playable && <span className="badge">Soon</span>}
      </span>
    </a>
  );
}
