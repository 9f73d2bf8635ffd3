// What the settings menu offers, read from Shaka: one quality per height (the best bandwidth at that
// height), audio languages, and text tracks.
import type shaka from 'shaka-player/dist/shaka-player.compiled.js';

export interface TrackChoices {
  heights: number[];
  activeHeight: number | null;
  abr: boolean;
  languages: string[];
  activeLanguage: string | null;
  texts: Array<{ id: number; language: string; label: string }>;
  activeText: number | null;
}

/** A snapshot of the player's tracks for the menu. */
export function readChoices(player: shaka.Player): TrackChoices {
  const variants = player.getVariantTracks();
  const active = variants.find((t) => t.active);
  const heights = [...new Set(variants.map((t) => t.height).filter((h): h is number => typeof h === 'number'))].sort((a, b) => b - a);
  const texts = player.getTextTracks();
  const shownText = player.isTextTrackVisible() ? texts.find((t) => t.active) : undefined;
  return {
    heights,
    activeHeight: active?.height ?? null,
    abr: player.getConfiguration().abr.enabled,
    languages: [...new Set(variants.map((t) => t.language).filter(Boolean))],
    activeLanguage: active?.language ?? null,
    texts: texts.map((t) => ({ id: t.id, language: t.language, label: t.label ?? '' })),
    activeText: shownText?.id ?? null,
  };
}

/** A fixed height with ABR off, or Auto (`null`) with ABR on. */
export function chooseHeight(player: shaka.Player, height: number | null): void {
  if (height === null) {
    player.configure({ abr: { enabled: true } });
    return;
  }
  const language = player.getVariantTracks().find((t) => t.active)?.language;
  const best = player
    .getVariantTracks()
    .filter((t) => t.height === height && (!language || t.language === language))
    .sort((a, b) => b.bandwidth - a.bandwidth)[0];
  if (!best) return;
  // ABR off first, or it would switch straight back; clear the buffer so the change shows at once.
  player.configure({ abr: { enabled: false } });
  player.selectVariantTrack(best, true);
}

/** Shows the text track with this id, or hides subtitles (`null`). */
export function chooseText(player: shaka.Player, id: number | null): void {
  const track = id === null ? undefined : player.getTextTracks().find((t) => t.id === id);
  if (track) player.selectTextTrack(track);
  void player.setTextTrackVisibility(Boolean(track));
}

/** Human name of a language code, falling back to the code. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([navigator.language || 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
