/**
 * How long browsers and edges may keep each kind of media file. Segments, init segments and images
 * are published once and never rewritten under the same key (a re-ingest publishes a new path), so
 * they are immutable for a year; playlists and manifests may be replaced in place, so edges revalidate
 * them every couple of seconds; anything else (JSON, subtitles, unknown types) gets a few minutes.
 */

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const MANIFEST = 'public, max-age=2';
export const DEFAULT = 'public, max-age=300';

const BY_EXTENSION: Record<string, string> = {
  m4s: IMMUTABLE,
  mp4: IMMUTABLE,
  m4a: IMMUTABLE,
  m4v: IMMUTABLE,
  ts: IMMUTABLE,
  aac: IMMUTABLE,
  jpg: IMMUTABLE,
  jpeg: IMMUTABLE,
  png: IMMUTABLE,
  webp: IMMUTABLE,
  m3u8: MANIFEST,
  mpd: MANIFEST,
};

/** The `Cache-Control` value for a media key, chosen by its extension. */
export function cacheControlFor(key: string): string {
  const dot = key.lastIndexOf('.');
  if (dot < 0 || dot < key.lastIndexOf('/')) return DEFAULT;
  return BY_EXTENSION[key.slice(dot + 1).toLowerCase()] ?? DEFAULT;
}
