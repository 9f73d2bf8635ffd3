/**
 * Generated key art: a 2:3 poster and a 16:9 backdrop as standalone SVG, derived deterministically
 * from a title's id, name and genres. Pure functions; every piece of title text is XML-escaped.
 */
import type { TitleKind } from '../model.js';
import { hsl, round, SHAPES, type Font, type Look, type Palette, type Style } from './poster-shapes.js';
import { hashString, Random } from './random.js';

/** What the artwork is drawn from; a stored `Title` fits. */
export interface PosterSubject {
  id?: string;
  name: string;
  genres: readonly string[];
  releaseYear: number;
  kind: TitleKind;
  maturityRating: string;
}

/** Genre id → display name; unknown ids are shown as they are. */
export type GenreNames = ReadonlyMap<string, string>;

/** A 400×600 SVG poster. */
export function renderPoster(title: PosterSubject, genreNames: GenreNames = new Map()): string {
  const look = lookFor(title, genreNames);
  const { width, height } = POSTER;
  const text = fitTitle(title.name, look.font, width - 60, 4, 78, 26);
  const lineHeight = text.size * look.font.lineHeight;
  const lastBaseline = 498;
  const firstBaseline = lastBaseline - (text.lines.length - 1) * lineHeight;
  return svg(width, height, title, [
    defs(look, 'vertical'),
    `<rect width="${width}" height="${height}" fill="url(#${look.uid}-bg)"/>`,
    SHAPES[look.style](look, width, height),
    `<rect width="${width}" height="${height}" fill="url(#${look.uid}-vignette)"/>`,
    `<rect y="${height * 0.45}" width="${width}" height="${height * 0.55}" fill="url(#${look.uid}-scrim)"/>`,
    look.original ? originalLabel(title.kind, width / 2, 42, 'middle') : '',
    titleText(text, look.font, width / 2, firstBaseline, lineHeight, 'middle'),
    genreLine(look.genreLabel, width / 2, 530, 13, 'middle'),
    metaRow(title, width / 2, 566, 'middle'),
  ]);
}

/** A 1280×720 SVG backdrop with the title set at the lower left. */
export function renderBackdrop(title: PosterSubject, genreNames: GenreNames = new Map()): string {
  const look = lookFor(title, genreNames);
  const { width, height } = BACKDROP;
  const text = fitTitle(title.name, look.font, 640, 3, 112, 36);
  const lineHeight = text.size * look.font.lineHeight;
  const lastBaseline = 560;
  const firstBaseline = lastBaseline - (text.lines.length - 1) * lineHeight;
  const left = 72;
  return svg(width, height, title, [
    defs(look, 'horizontal'),
    `<rect width="${width}" height="${height}" fill="url(#${look.uid}-bg)"/>`,
    SHAPES[look.style](look, width, height),
    `<rect width="${width}" height="${height}" fill="url(#${look.uid}-vignette)"/>`,
    `<rect width="${width}" height="${height}" fill="url(#${look.uid}-side)"/>`,
    `<rect y="${height * 0.5}" width="${width}" height="${height * 0.5}" fill="url(#${look.uid}-scrim)"/>`,
    look.original ? originalLabel(title.kind, left, firstBaseline - text.size - 22, 'start') : '',
    titleText(text, look.font, left, firstBaseline, lineHeight, 'start'),
    genreLine(look.genreLabel, left, 598, 16, 'start'),
    metaRow(title, left, 640, 'start'),
  ]);
}

/** Escapes `& < > " '` and drops characters XML 1.0 does not allow. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

// ---------------------------------------------------------------------------------------------

const POSTER = { width: 400, height: 600 } as const;
const BACKDROP = { width: 1280, height: 720 } as const;

// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };


/** Keyword rules from genre ids/names to a visual style; the first genre that matches wins. */
const STYLE_RULES: readonly (readonly [RegExp, Style])[] = [
  [/horror|thriller|crime|mystery|noir|suspense/i, 'dark'],
  [/kid|family|animation|children|cartoon/i, 'kids'],
  [/action|war|western|martial|sport/i, 'action'],
  [/sci|fantasy|adventure|history|anime|space/i, 'epic'],
  [/comedy|musical|reality|stand|teen|music/i, 'light'],
  [/documentary|true|biograph|news|nature/i, 'real'],
  [/drama|romance|love/i, 'heart'],
];

const FONTS: Readonly<Record<'condensed' | 'serif' | 'rounded', Font>> = {
  condensed: { family: "'Bebas Neue', 'Oswald', 'League Gothic', Impact, 'Arial Narrow', sans-serif", weight: 700, upper: true,
    advance: 0.64, lineHeight: 0.98, tracking: 0.02 },
  serif: { family: "'Playfair Display', 'DM Serif Display', Georgia, 'Times New Roman', serif", weight: 700, upper: false,
    advance: 0.55, lineHeight: 1.08, tracking: 0 },
  rounded: { family: "'Baloo 2', 'Nunito', 'Trebuchet MS', Verdana, sans-serif", weight: 800, upper: false,
    advance: 0.6, lineHeight: 1.05, tracking: 0 },
};

const STYLE_FONTS: Readonly<Record<Style, Font>> = {
  dark: FONTS.condensed, action: FONTS.condensed, epic: FONTS.condensed,
  light: FONTS.rounded, kids: FONTS.rounded,
  real: FONTS.serif, heart: FONTS.serif,
};

/** Per style: hue windows `[start, width]`, saturation, lightness top → bottom, accent hue shift and lightness. */
const PALETTES: Readonly<Record<Style, {
  hues: readonly (readonly [number, number])[];
  sat: number;
  light: readonly [number, number, number];
  accentShift: number;
  accentLight: number;
}>> = {
  dark: { hues: [[190, 70], [340, 40]], sat: 45, light: [24, 12, 5], accentShift: 180, accentLight: 62 },
  action: { hues: [[0, 45], [170, 40], [20, 25]], sat: 75, light: [48, 26, 9], accentShift: 30, accentLight: 60 },
  light: { hues: [[0, 360]], sat: 70, light: [74, 60, 44], accentShift: 150, accentLight: 58 },
  kids: { hues: [[0, 360]], sat: 78, light: [72, 60, 48], accentShift: 120, accentLight: 62 },
  epic: { hues: [[200, 80], [250, 60]], sat: 60, light: [10, 20, 34], accentShift: 170, accentLight: 60 },
  real: { hues: [[0, 360]], sat: 18, light: [36, 22, 10], accentShift: 0, accentLight: 56 },
  heart: { hues: [[10, 40], [320, 40], [30, 20]], sat: 55, light: [58, 36, 16], accentShift: 25, accentLight: 72 },
};

function lookFor(title: PosterSubject, genreNames: GenreNames): Look {
  const hash = hashString(`${title.id ?? ''}|${title.name}`);
  const rng = new Random(hash);
  const labels = title.genres.map((g) => genreNames.get(g) ?? g);
  let style: Style = 'heart';
  outer: for (let i = 0; i < title.genres.length; i++) {
    const probe = `${title.genres[i] ?? ''} ${labels[i] ?? ''}`;
    for (const [pattern, candidate] of STYLE_RULES) {
      if (pattern.test(probe)) {
        style = candidate;
        break outer;
      }
    }
  }
  return {
    style,
    rng,
    uid: `m${hash.toString(36)}`,
    colors: paletteFor(style, rng),
    font: STYLE_FONTS[style],
    original: hash % 10 < 3 && title.releaseYear >= 2016,
    genreLabel: labels.slice(0, 2).join('  ·  '),
  };
}

function paletteFor(style: Style, rng: Random): Palette {
  const spec = PALETTES[style];
  const [start, span] = rng.pick(spec.hues);
  const hue = start + rng.next() * span;
  const drift = rng.float(18, 46) * (rng.chance(0.5) ? 1 : -1);
  const [top, middle, bottom] = spec.light;
  return {
    top: hsl(hue, spec.sat, top),
    middle: hsl(hue + drift / 2, spec.sat + 5, middle),
    bottom: hsl(hue + drift, spec.sat, bottom),
    accent: hsl(hue + spec.accentShift, Math.max(spec.sat, 55), spec.accentLight),
    glow: hsl(hue + spec.accentShift / 2 + 10, 70, 82),
    ink: hsl(hue, Math.min(spec.sat, 40), 5),
  };
}

// ---- SVG pieces ----

function svg(width: number, height: number, title: PosterSubject, parts: readonly string[]): string {
  const label = escapeXml(`${title.name} (${title.releaseYear})`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}">` +
    `<title>${label}</title>${parts.join('')}</svg>`
  );
}

function defs(look: Look, direction: 'vertical' | 'horizontal'): string {
  const { uid, colors } = look;
  const axis = direction === 'vertical' ? 'x1="0" y1="0" x2="0.35" y2="1"' : 'x1="0" y1="0" x2="1" y2="0.6"';
  return (
    '<defs>' +
    `<linearGradient id="${uid}-bg" ${axis}><stop offset="0" stop-color="${colors.top}"/><stop offset="0.55" stop-color="${colors.middle}"/><stop offset="1" stop-color="${colors.bottom}"/></linearGradient>` +
    `<radialGradient id="${uid}-vignette" cx="0.5" cy="0.42" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.55"/></radialGradient>` +
    `<linearGradient id="${uid}-scrim" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.85"/></linearGradient>` +
    `<linearGradient id="${uid}-side" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#000" stop-opacity="0.8"/><stop offset="0.65" stop-color="#000" stop-opacity="0"/></linearGradient>` +
    `<radialGradient id="${uid}-glow"><stop offset="0" stop-color="${colors.glow}" stop-opacity="0.95"/><stop offset="0.6" stop-color="${colors.glow}" stop-opacity="0.35"/><stop offset="1" stop-color="${colors.glow}" stop-opacity="0"/></radialGradient>` +
    `<radialGradient id="${uid}-orb" cx="0.35" cy="0.3"><stop offset="0" stop-color="${colors.accent}"/><stop offset="1" stop-color="${colors.ink}"/></radialGradient>` +
    '</defs>'
  );
}

interface FittedTitle {
  lines: string[];
  size: number;
}

/** Wraps the name into at most `maxLines` lines at the largest size that fits `maxWidth`. */
function fitTitle(name: string, font: Font, maxWidth: number, maxLines: number, largest: number, smallest: number): FittedTitle {
  const text = (font.upper ? name.toUpperCase() : name).replace(/\s+/g, ' ').trim() || 'Untitled';
  const words = text.split(' ');
  for (let size = largest; size >= smallest; size -= 2) {
    const perLine = Math.floor(maxWidth / (size * (font.advance + font.tracking)));
    if (words.some((w) => w.length > perLine)) continue;
    const lines = wrap(words, perLine);
    if (lines.length <= maxLines) return { lines, size };
  }
  // Nothing fits: break long words and cut the end.
  const perLine = Math.max(1, Math.floor(maxWidth / (smallest * (font.advance + font.tracking))));
  const pieces = words.flatMap((w) => w.match(new RegExp(`.{1,${perLine}}`, 'gu')) ?? []);
  const lines = wrap(pieces, perLine);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${(lines[maxLines - 1] ?? '').slice(0, Math.max(0, perLine - 1))}…`;
  }
  return { lines, size: smallest };
}

function wrap(words: readonly string[], perLine: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= perLine) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

function titleText(text: FittedTitle, font: Font, x: number, firstBaseline: number, lineHeight: number, anchor: 'middle' | 'start'): string {
  const tspans = text.lines
    .map((line, i) => `<tspan x="${x}" y="${round(firstBaseline + i * lineHeight)}">${escapeXml(line)}</tspan>`)
    .join('');
  return (
    `<text font-family="${font.family}" font-weight="${font.weight}" font-size="${text.size}" letter-spacing="${font.tracking}em" ` +
    `text-anchor="${anchor}" fill="#fff" stroke="#000" stroke-opacity="0.35" stroke-width="${round(text.size / 14)}" paint-order="stroke">${tspans}</text>`
  );
}

function genreLine(label: string, x: number, y: number, size: number, anchor: 'middle' | 'start'): string {
  if (label === '') return '';
  return (
    `<text x="${x}" y="${y}" font-family="Helvetica, Arial, sans-serif" font-size="${size}" font-weight="600" letter-spacing="0.18em" ` +
    `text-anchor="${anchor}" fill="#fff" fill-opacity="0.82">${escapeXml(label.toUpperCase())}</text>`
  );
}

/** Year, maturity badge and kind, laid out as one row of small type. */
function metaRow(title: PosterSubject, x: number, y: number, anchor: 'middle' | 'start'): string {
  const size = 15;
  const charWidth = size * 0.6;
  const items = [
    { text: String(title.releaseYear), boxed: false },
    { text: title.maturityRating, boxed: true },
    { text: title.kind === 'show' ? 'SERIES' : 'FILM', boxed: false },
  ];
  const gap = 14;
  const widths = items.map((item) => item.text.length * charWidth + (item.boxed ? 14 : 0));
  const total = widths.reduce((a, b) => a + b, 0) + gap * (items.length - 1);
  let cursor = anchor === 'middle' ? x - total / 2 : x;
  const parts: string[] = [];
  items.forEach((item, i) => {
    const width = widths[i] ?? 0;
    const label = escapeXml(item.text);
    if (item.boxed) {
      parts.push(
        `<rect x="${round(cursor)}" y="${y - size + 1}" width="${round(width)}" height="${size + 6}" rx="3" fill="none" stroke="#fff" stroke-opacity="0.8" stroke-width="1.4"/>`,
        `<text x="${round(cursor + width / 2)}" y="${y}" text-anchor="middle" font-size="${size - 2}">${label}</text>`,
      );
    } else {
      parts.push(`<text x="${round(cursor)}" y="${y}" font-size="${size}">${label}</text>`);
    }
    cursor += width + gap;
  });
  return `<g font-family="Helvetica, Arial, sans-serif" font-weight="600" fill="#fff" fill-opacity="0.9">${parts.join('')}</g>`;
}

function originalLabel(kind: TitleKind, x: number, y: number, anchor: 'middle' | 'start'): string {
  const text = kind === 'show' ? 'MARQUEE ORIGINAL SERIES' : 'MARQUEE ORIGINAL';
  const size = 12;
  const width = 20 + 8 + text.length * size * 0.78;
  const left = anchor === 'middle' ? x - width / 2 : x;
  return (
    `<g font-family="Helvetica, Arial, sans-serif" font-weight="800">` +
    `<rect x="${round(left)}" y="${y - 15}" width="20" height="20" rx="3" fill="#e3342f"/>` +
    `<text x="${round(left + 10)}" y="${y}" font-size="15" text-anchor="middle" fill="#fff">M</text>` +
    `<text x="${round(left + 28)}" y="${y - 1}" font-size="${size}" letter-spacing="0.3em" fill="#fff">${text}</text></g>`
  );
}
