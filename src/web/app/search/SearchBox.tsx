// The search field with its suggestion list, as an ARIA combobox: Up/Down move through suggestions,
// Enter opens the highlighted one, Escape closes the list (and only then leaves the page).
import { useEffect, useId, useState } from 'react';
import { api, withQuery } from '../api';
import { navigate } from '../router';
import type { Suggestion } from '../types';
import { useDebounced } from './useDebounced';

const SUGGEST_DELAY_MS = 150;

export function SearchBox({ value, onChange, profileId }: { value: string; onChange: (q: string) => void; profileId: string }) {
  const listId = useId();
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const typed = useDebounced(value.trim(), SUGGEST_DELAY_MS);

  useEffect(() => {
    let live = true;
    if (!typed) {
      setItems([]);
      return;
    }
    // Suggestions are a nicety: a failed request just shows none.
    api<{ items: Suggestion[] }>('GET', withQuery('/v1/search/suggest', { q: typed, profileId, limit: 6 }))
      .then((r) => live && (setItems(r.items), setActive(-1)))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [typed, profileId]);

  const shown = open && items.length > 0;
  const openTitle = (s: Suggestion): void => navigate(`/title/${encodeURIComponent(s.id)}`);

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' && items.length > 0) {
      setOpen(true);
      setActive((i) => Math.min(items.length - 1, i + 1));
    } else if (event.key === 'ArrowUp' && shown) {
      setActive((i) => Math.max(-1, i - 1));
    } else if (event.key === 'Enter') {
      const chosen = shown ? items[active] : undefined;
      if (chosen) openTitle(chosen);
      else setOpen(false);
    } else if (event.key === 'Escape' && shown) {
      setOpen(false);
      // The list closes; the global Escape (go back) must not also fire.
      event.nativeEvent.stopImmediatePropagation();
    } else return;
    event.preventDefault();
  };

  return (
    <div className="search-box">
      <input
        type="search"
        name="q"
        role="combobox"
        aria-label="Search titles, people, genres"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder="Titles, people, genres"
        autoFocus
        autoComplete="off"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {shown && (
        <ul className="suggestions" id={listId} role="listbox">
          {items.map((s, i) => (
            <li
              key={s.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                openTitle(s);
              }}
            >
              {s.name} <span className="muted">· {s.releaseYear}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
