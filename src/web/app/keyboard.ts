// TV-remote navigation: arrow keys move focus to the nearest focusable card or button in that direction,
// Enter activates it (native for buttons/links), Escape or Backspace goes back.
import { goBack } from './router';

const FOCUSABLE = '[data-nav]';

type Direction = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The candidate closest to `from` in the direction, preferring the same row: distance along the
 * direction plus a heavy penalty for sideways offset (so Down goes to the row below, not across).
 */
export function nearest(from: DOMRect, candidates: ReadonlyArray<{ el: HTMLElement; rect: DOMRect }>, dir: Direction): HTMLElement | null {
  const cx = from.left + from.width / 2;
  const cy = from.top + from.height / 2;
  let best: HTMLElement | null = null;
  let bestScore = Infinity;
  for (const { el, rect } of candidates) {
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const along = dir === 'ArrowLeft' ? cx - x : dir === 'ArrowRight' ? x - cx : dir === 'ArrowUp' ? cy - y : y - cy;
    const across = dir === 'ArrowLeft' || dir === 'ArrowRight' ? Math.abs(y - cy) : Math.abs(x - cx);
    if (along <= 1) continue;
    const score = along + across * 3;
    if (score < bestScore) {
      bestScore = score;
      best = el;
    }
  }
  return best;
}

function moveFocus(dir: Direction): boolean {
  const all = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
  if (all.length === 0) return false;
  const current = document.activeElement instanceof HTMLElement && all.includes(document.activeElement) ? document.activeElement : null;
  if (!current) {
    all[0]?.focus();
    return true;
  }
  // Cards scrolled out of a row are still candidates: their rects are off-screen but ordered.
  const next = nearest(current.getBoundingClientRect(), all.filter((el) => el !== current).map((el) => ({ el, rect: el.getBoundingClientRect() })), dir);
  if (!next) return false;
  next.focus();
  next.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
  return true;
}

/** Installs the key handler once for the whole app; returns the remover. */
export function installRemoteKeys(): () => void {
  const onKey = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown') {
      if (isTyping(event.target) || document.body.dataset.player === 'on') return;
      if (moveFocus(key)) event.preventDefault();
    } else if (key === 'Escape' || (key === 'Backspace' && !isTyping(event.target))) {
      if (document.body.dataset.noBack === 'on') return;
      event.preventDefault();
      goBack();
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
