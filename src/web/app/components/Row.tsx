import type { TitleSummary } from '../types';
import { PosterCard } from './PosterCard';

/** A titled, horizontally scrolling row of posters; empty rows are not shown at all. */
export function Row({ name, titles }: { name: string; titles: readonly TitleSummary[] }) {
  if (titles.length === 0) return null;
  return (
    <section className="row" aria-label={name}>
      <h2 className="row-title">{name}</h2>
      <div className="row-track">
        {titles.map((t) => (
          <PosterCard key={t.id} title={t} />
        ))}
      </div>
    </section>
  );
}
