import { useEffect, useRef } from 'react';
import type { TitleCard } from '../types';
import { PosterCard } from './PosterCard';

/**
 * A titled, horizontally scrolling row of posters; empty rows are not shown at all. `onShown` is
 * called once, the first time at least half of the row is on screen (impressions).
 */
export function Row({ name, titles, subtitle, rowId, onShown }: {
  name: string;
  titles: readonly TitleCard[];
  subtitle?: string;
  rowId?: string;
  onShown?: () => void;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || !onShown || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        onShown();
      }
    }, { threshold: 0.5 });
    observer.observe(element);
    return () => observer.disconnect();
    // Once per mounted row: a new callback identity must not log the row again.
  }, [titles.length > 0]);
  if (titles.length === 0) return null;
  return (
    <section className="row" aria-label={name} ref={ref} {...(rowId ? { 'data-row-id': rowId } : {})}>
      <h2 className="row-title">
        {name}
        {subtitle && <span className="row-subtitle">{subtitle}</span>}
      </h2>
      <div className="row-track">
        {titles.map((t) => (
          <PosterCard key={t.id} title={t} />
        ))}
      </div>
    </section>
  );
}
