/**
 * Plan-limited manifests. A title is packaged once with its whole ladder; a plan that allows at most
 * 720p gets a copy of the HLS multivariant playlist and of the DASH MPD without the taller rungs.
 * Pure text rewrites of Shaka Packager's output (everything else is kept byte for byte), so the exact
 * output is tested and the copies sit next to the originals with the same relative URLs.
 */

/** The filtered text and how many video rungs were kept and dropped. */
export interface FilteredManifest {
  text: string;
  kept: number;
  removed: number;
}

const RESOLUTION = /(?:^|,)RESOLUTION=(\d+)x(\d+)(?:,|$)/;

function hlsHeight(tagLine: string): number | undefined {
  const match = RESOLUTION.exec(tagLine.slice(tagLine.indexOf(':') + 1));
  return match ? Number(match[2]) : undefined;
}

/**
 * Drops every `#EXT-X-STREAM-INF` variant (the tag and its URI line) and every
 * `#EXT-X-I-FRAME-STREAM-INF` whose RESOLUTION is taller than `maxHeight`. Audio groups, subtitles and
 * variants without a RESOLUTION stay.
 */
export function filterHlsMaster(text: string, maxHeight: number): FilteredManifest {
  const lines = text.split('\n');
  const out: string[] = [];
  let kept = 0;
  let removed = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const stream = line.startsWith('#EXT-X-STREAM-INF:');
    if (!stream && !line.startsWith('#EXT-X-I-FRAME-STREAM-INF:')) {
      out.push(line);
      continue;
    }
    const height = hlsHeight(line.trimEnd());
    if (height === undefined || height <= maxHeight) {
      if (height !== undefined && stream) kept += 1;
      out.push(line);
      continue;
    }
    if (stream) {
      removed += 1;
      // The variant's URI is the next line that is neither blank nor a tag or comment.
      while (i + 1 < lines.length && /^\s*(#|$)/.test(lines[i + 1] ?? '')) i += 1;
      i += 1;
    }
  }
  return { text: out.join('\n'), kept, removed };
}

const ADAPTATION_SET = /^[ \t]*<AdaptationSet\b([^>]*)>[\s\S]*?<\/AdaptationSet>[ \t]*\r?\n?/gm;
const REPRESENTATION = /^[ \t]*<Representation\b([^>]*?)(?:\/>|>[\s\S]*?<\/Representation>)[ \t]*\r?\n?/gm;

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
}

function setAttribute(tag: string, name: string, value: number): string {
  return tag.replace(new RegExp(`(\\s${name}=")[^"]*(")`), `$1${value}$2`);
}

/**
 * Drops every DASH Representation taller than `maxHeight` (its own `height`, else its AdaptationSet's),
 * drops an AdaptationSet left without Representations, and lowers the set's `maxHeight`/`maxWidth`
 * to what remains.
 */
export function filterDashMpd(xml: string, maxHeight: number): FilteredManifest {
  let kept = 0;
  let removed = 0;
  const text = xml.replace(ADAPTATION_SET, (set: string, setAttributes: string) => {
    const inherited = attribute(setAttributes, 'height');
    let remaining = 0;
    let tallest: { width: number; height: number } | undefined;
    let changed = false;
    const body = set.replace(REPRESENTATION, (representation: string, attributes: string) => {
      const raw = attribute(attributes, 'height') ?? inherited;
      const height = raw === undefined ? undefined : Number(raw);
      if (height !== undefined && height > maxHeight) {
        removed += 1;
        changed = true;
        return '';
      }
      remaining += 1;
      if (height !== undefined) {
        kept += 1;
        const width = Number(attribute(attributes, 'width') ?? attribute(setAttributes, 'width') ?? 0);
        if (!tallest || height > tallest.height) tallest = { width, height };
      }
      return representation;
    });
    if (!changed) return set;
    if (remaining === 0) return '';
    if (!tallest) return body;
    const openTag = /^[ \t]*<AdaptationSet\b[^>]*>/.exec(body)?.[0] ?? '';
    const lowered = setAttribute(setAttribute(openTag, 'maxHeight', tallest.height), 'maxWidth', tallest.width);
    return lowered + body.slice(openTag.length);
  });
  return { text, kept, removed };
}
