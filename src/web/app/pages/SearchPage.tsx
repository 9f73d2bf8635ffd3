// Search as you type: the query (debounced) and filters go to GET /v1/search; the profile's maturity
// limit is applied by the server, so a kids profile never sees R/TV-MA titles here.
import { useEffect, useState } from 'react';
import { api, withQuery } from '../api';
import { PosterCard } from '../components/PosterCard';
import { ErrorNote } from '../components/ErrorNote';
import { navigate } from '../router';
import { SearchBox } from '../search/SearchBox';
import { useDebounced } from '../search/useDebounced';
import type { Genre, SearchHit } from '../types';
import { useLoad } from '../useApi';

const SEARCH_DELAY_MS = 250;
const FIRST_YEAR = 1920;

interface Filters {
  genre: string;
  yearFrom: string;
  yearTo: string;
}

const NO_FILTERS: Filters = { genre: '', yearFrom: '', yearTo: '' };
const year = (s: string): number | undefined => (/^\d{4}$/.test(s) ? Number(s) : undefined);

function FilterBar({ filters, onChange }: { filters: Filters; onChange: (f: Filters) => void }) {
  const genres = useLoad('genres', () => api<{ items: Genre[] }>('GET', '/v1/genres').then((r) => r.items));
  const thisYear = new Date().getFullYear();
  return (
    <div className="search-filters" role="group" aria-label="Filters">
      <label>
        Genre
        <select name="genre" value={filters.genre} onChange={(e) => onChange({ ...filters, genre: e.target.value })}>
          <option value="">All genres</option>
          {genres.data?.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input name="yearFrom" type="number" inputMode="numeric" min={FIRST_YEAR} max={thisYear} placeholder="Year" value={filters.yearFrom} onChange={(e) => onChange({ ...filters, yearFrom: e.target.value })} />
      </label>
      <label>
        To
        <input name="yearTo" type="number" inputMode="numeric" min={FIRST_YEAR} max={thisYear} placeholder="Year" value={filters.yearTo} onChange={(e) => onChange({ ...filters, yearTo: e.target.value })} />
      </label>
      {(filters.genre || filters.yearFrom || filters.yearTo) && (
        <button type="button" className="link" data-nav onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </div>
  );
}

/** The search page: box with suggestions, filters, a grid of results and an empty state. */
export function SearchPage({ initialQuery, profileId }: { initialQuery: string; profileId: string }) {
  const [q, setQ] = useState(initialQuery);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const query = useDebounced(q.trim(), SEARCH_DELAY_MS);
  const active = query !== '' || filters.genre !== '' || year(filters.yearFrom) !== undefined || year(filters.yearTo) !== undefined;

  // Keep the query in the address so reload and Back return to the same results.
  useEffect(() => {
    const target = query ? `/search?q=${encodeURIComponent(query)}` : '/search';
    if (location.pathname + location.search !== target) history.replaceState(history.state, '', target);
  }, [query]);

  const url = withQuery('/v1/search', {
    q: query || undefined,
    genre: filters.genre || undefined,
    yearFrom: year(filters.yearFrom),
    yearTo: year(filters.yearTo),
    profileId,
    limit: 48,
  });
  const results = useLoad(active ? url : 'idle', () => (active ? api<{ total: number; items: SearchHit[] }>('GET', url) : Promise.resolve({ total: 0, items: [] })));

  return (
    <main className="search-page">
      <SearchBox value={q} onChange={setQ} profileId={profileId} />
      <FilterBar filters={filters} onChange={setFilters} />
      <ErrorNote error={results.error} onRetry={results.reload} />
      {!active && <p className="muted search-hint">Search by title, person or genre.</p>}
      {active && results.data && results.data.items.length === 0 && !results.loading && (
        <div className="search-empty" role="status">
          <p>No titles match{query ? ` “${query}”` : ''}{filters.genre || filters.yearFrom || filters.yearTo ? ' with these filters' : ''}.</p>
          <p className="muted">Try another spelling, a person’s name, or fewer filters.</p>
          <button type="button" className="btn btn-ghost" data-nav onClick={() => navigate('/')}>
            Browse home
          </button>
        </div>
      )}
      {active && results.data && results.data.items.length > 0 && (
        <section className="search-results" aria-label="Results" aria-busy={results.loading}>
          {results.data.items.map((t) => (
            <PosterCard key={t.id} title={t} />
          ))}
        </section>
      )}
    </main>
  );
}
