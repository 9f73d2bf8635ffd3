/**
 * Generated key art: a 2:3 poster and a 16:9 backdrop as standalone SVG, derived deterministically
 * from a title's id, name and genres. Pure functions; every piece of title text is XML-escaped.
 */
import type { TitleKind } from '../model.js';
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

type Style = 'dark' | 'action' | 'light' | 'kids' | 'epic' | 'real' | 'heart';

interface Font {
  family: string;
  weight: number;
  upper: boolean;
  /** Average advance of a character, in ems (used to wrap without measuring). */
  advance: number;
  lineHeight: number;
  /** Letter spacing in ems. */
  tracking: number;
}

interface Palette {
  top: string;
  middle: string;
  bottom: string;
  accent: string;
  glow: string;
  ink: string;
}

interface Look {
  style: Style;
  rng: Random;
  uid: string;
  colors: Palette;
  font: Font;
  original: boolean;
  genreLabel: string;
}

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

// ---- mood shapes ----

type ShapeRenderer = (look: Look, width: number, height: number) => string;

const SHAPES: Readonly<Record<Style, ShapeRenderer>> = {
  dark: ({ rng, uid, colors }, w, h) => {
    const r = Math.min(w, h) * rng.float(0.14, 0.22);
    const cx = w * rng.float(0.25, 0.75);
    const cy = h * rng.float(0.14, 0.28);
    const rain = Array.from({ length: 26 }, () => {
      const x = rng.float(0, w);
      const y = rng.float(0, h * 0.8);
      const len = rng.float(30, 90);
      return `<line x1="${round(x)}" y1="${round(y)}" x2="${round(x - len * 0.18)}" y2="${round(y + len)}"/>`;
    }).join('');
    return (
      `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r * 2.4)}" fill="url(#${uid}-glow)" opacity="0.35"/>` +
      `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r)}" fill="${colors.glow}" opacity="0.85"/>` +
      `<g stroke="${colors.glow}" stroke-opacity="0.14" stroke-width="1.2">${rain}</g>` +
      `<polygon points="${skyline(rng, w, h, h * rng.float(0.6, 0.7))}" fill="${colors.ink}"/>`
    );
  },
  action: ({ rng, colors }, w, h) => {
    const cx = w * rng.float(0.35, 0.65);
    const cy = h * rng.float(0.28, 0.42);
    const reach = Math.hypot(w, h);
    const rays = Array.from({ length: 18 }, (_, i) => {
      const a = (i / 18) * Math.PI * 2 + rng.float(-0.05, 0.05);
      const spread = rng.float(0.03, 0.07);
      return `<polygon points="${round(cx)},${round(cy)} ${pointAt(cx, cy, reach, a - spread)} ${pointAt(cx, cy, reach, a + spread)}"/>`;
    }).join('');
    const stripes = Array.from({ length: rng.int(3, 5) }, () => {
      const x = rng.float(-w * 0.3, w);
      const thick = rng.float(w * 0.03, w * 0.12);
      const slant = w * rng.float(0.4, 0.8);
      const colour = rng.chance(0.6) ? colors.accent : colors.glow;
      return `<polygon points="${round(x)},0 ${round(x + thick)},0 ${round(x + thick - slant)},${h} ${round(x - slant)},${h}" fill="${colour}" opacity="${round(rng.float(0.25, 0.6))}"/>`;
    }).join('');
    return `<g fill="${colors.glow}" opacity="0.12">${rays}</g>${stripes}` +
      `<circle cx="${round(cx)}" cy="${round(cy)}" r="${round(Math.min(w, h) * 0.12)}" fill="${colors.glow}" opacity="0.5"/>`;
  },
  light: ({ rng, colors }, w, h) => {
    const palette = [colors.accent, colors.glow, '#ffffff', colors.top];
    const bubbles = Array.from({ length: 14 }, () =>
      `<circle cx="${round(rng.float(0, w))}" cy="${round(rng.float(0, h * 0.75))}" r="${round(rng.float(6, Math.min(w, h) * 0.16))}" fill="${rng.pick(palette)}" opacity="${round(rng.float(0.3, 0.8))}"/>`,
    ).join('');
    const confetti = Array.from({ length: 12 }, () => {
      const x = rng.float(0, w);
      const y = rng.float(0, h * 0.8);
      return `<rect x="${round(x)}" y="${round(y)}" width="${round(rng.float(6, 14))}" height="${round(rng.float(3, 6))}" fill="${rng.pick(palette)}" transform="rotate(${rng.int(0, 179)} ${round(x)} ${round(y)})"/>`;
    }).join('');
    return `<circle cx="${round(w / 2)}" cy="${round(h * 0.38)}" r="${round(Math.min(w, h) * 0.42)}" fill="#fff" opacity="0.22"/>${bubbles}${confetti}`;
  },
  kids: ({ rng, colors }, w, h) => {
    const sunX = w * rng.float(0.7, 0.85);
    const sunY = h * rng.float(0.12, 0.2);
    const sunR = Math.min(w, h) * 0.1;
    const rays = Array.from({ length: 12 }, (_, i) => {
      const a = (i / 12) * Math.PI * 2;
      const [x1, y1] = polar(sunX, sunY, sunR * 1.3, a);
      const [x2, y2] = polar(sunX, sunY, sunR * 1.8, a);
      return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`;
    }).join('');
    const hills = [0.86, 0.8, 0.92].map((level, i) =>
      `<ellipse cx="${round(w * rng.float(0.1, 0.9))}" cy="${round(h * level)}" rx="${round(w * rng.float(0.55, 0.85))}" ry="${round(h * 0.16)}" fill="${shade(colors.accent, i)}"/>`,
    ).join('');
    const stars = Array.from({ length: rng.int(4, 7) }, () =>
      `<polygon points="${star(rng.float(0, w), rng.float(0, h * 0.5), rng.float(6, 14))}" fill="#fff" opacity="0.85"/>`,
    ).join('');
    const clouds = Array.from({ length: 2 }, () => {
      const x = rng.float(w * 0.05, w * 0.6);
      const y = rng.float(h * 0.1, h * 0.35);
      const s = Math.min(w, h) * rng.float(0.05, 0.08);
      return `<circle cx="${round(x)}" cy="${round(y)}" r="${round(s)}"/><circle cx="${round(x + s)}" cy="${round(y - s * 0.5)}" r="${round(s * 1.2)}"/><circle cx="${round(x + s * 2.1)}" cy="${round(y)}" r="${round(s)}"/>`;
    }).join('');
    return `<g stroke="#ffe27a" stroke-width="5" stroke-linecap="round">${rays}</g><circle cx="${round(sunX)}" cy="${round(sunY)}" r="${round(sunR)}" fill="#ffd84d"/>` +
      `<g fill="#fff" opacity="0.9">${clouds}</g>${stars}${hills}`;
  },
  epic: ({ rng, uid, colors }, w, h) => {
    const stars = Array.from({ length: 50 }, () =>
      `<circle cx="${round(rng.float(0, w))}" cy="${round(rng.float(0, h * 0.6))}" r="${round(rng.float(0.6, 1.8))}" opacity="${round(rng.float(0.3, 0.95))}"/>`,
    ).join('');
    const r = Math.min(w, h) * rng.float(0.34, 0.5);
    const cx = w * rng.float(0.3, 0.7);
    const cy = h * rng.float(0.42, 0.58);
    const ring = rng.chance(0.5)
      ? `<ellipse cx="${round(cx)}" cy="${round(cy)}" rx="${round(r * 1.6)}" ry="${round(r * 0.28)}" fill="none" stroke="${colors.glow}" stroke-opacity="0.5" stroke-width="3" transform="rotate(${rng.int(-20, 20)} ${round(cx)} ${round(cy)})"/>`
      : '';
    return `<g fill="#fff">${stars}</g><circle cx="${round(cx)}" cy="${round(cy)}" r="${round(r)}" fill="url(#${uid}-orb)"/>${ring}` +
      `<polygon points="${ridge(rng, w, h, h * 0.74)}" fill="${colors.ink}"/>`;
  },
  real: ({ rng, colors }, w, h) => {
    const step = w / 8;
    const grid = [
      ...Array.from({ length: 8 }, (_, i) => `<line x1="${round(i * step)}" y1="0" x2="${round(i * step)}" y2="${h}"/>`),
      ...Array.from({ length: Math.ceil(h / step) }, (_, i) => `<line x1="0" y1="${round(i * step)}" x2="${w}" y2="${round(i * step)}"/>`),
    ].join('');
    const bands = Array.from({ length: 3 }, () =>
      `<rect x="0" y="${round(rng.float(0, h * 0.7))}" width="${w}" height="${round(rng.float(h * 0.02, h * 0.08))}" fill="${colors.accent}" opacity="${round(rng.float(0.12, 0.3))}"/>`,
    ).join('');
    const r = Math.min(w, h) * rng.float(0.25, 0.36);
    return `<g stroke="#fff" stroke-opacity="0.07">${grid}</g>${bands}` +
      `<circle cx="${round(w * rng.float(0.35, 0.65))}" cy="${round(h * 0.36)}" r="${round(r)}" fill="none" stroke="${colors.glow}" stroke-opacity="0.4" stroke-width="2"/>` +
      `<circle cx="${round(w * rng.float(0.3, 0.7))}" cy="${round(h * 0.36)}" r="${round(r * 0.55)}" fill="${colors.accent}" opacity="0.25"/>`;
  },
  heart: ({ rng, uid, colors }, w, h) => {
    const bokeh = Array.from({ length: 12 }, () =>
      `<circle cx="${round(rng.float(0, w))}" cy="${round(rng.float(0, h * 0.6))}" r="${round(rng.float(Math.min(w, h) * 0.04, Math.min(w, h) * 0.14))}" fill="url(#${uid}-glow)" opacity="${round(rng.float(0.2, 0.55))}"/>`,
    ).join('');
    const horizon = h * rng.float(0.6, 0.7);
    return `${bokeh}<ellipse cx="${round(w * rng.float(0.3, 0.7))}" cy="${round(horizon)}" rx="${round(w * 0.45)}" ry="${round(h * 0.12)}" fill="url(#${uid}-glow)" opacity="0.7"/>` +
      `<rect y="${round(horizon)}" width="${w}" height="${round(h - horizon)}" fill="${colors.accent}" opacity="0.22"/>` +
      `<line x1="0" y1="${round(horizon)}" x2="${w}" y2="${round(horizon)}" stroke="${colors.glow}" stroke-opacity="0.5"/>`;
  },
};

/** Rooftops: flat-topped steps along `base`, closed to the bottom edge. */
function skyline(rng: Random, w: number, h: number, base: number): string {
  const points: string[] = [`0,${h}`];
  let x = 0;
  while (x < w) {
    const top = base - rng.float(0, h * 0.14);
    const next = Math.min(w, x + rng.float(w * 0.05, w * 0.12));
    points.push(`${round(x)},${round(top)}`, `${round(next)},${round(top)}`);
    if (rng.chance(0.2)) points.push(`${round((x + next) / 2)},${round(top - h * 0.05)}`);
    x = next;
  }
  points.push(`${w},${h}`);
  return points.join(' ');
}

/** Mountain ridge: alternating peaks and valleys along `base`, closed to the bottom edge. */
function ridge(rng: Random, w: number, h: number, base: number): string {
  const points: string[] = [`0,${h}`, `0,${round(base)}`];
  const steps = rng.int(6, 10);
  for (let i = 1; i <= steps; i++) {
    const x = (w * i) / steps;
    const y = i % 2 === 1 ? base - rng.float(h * 0.04, h * 0.16) : base + rng.float(0, h * 0.04);
    points.push(`${round(x)},${round(y)}`);
  }
  points.push(`${w},${h}`);
  return points.join(' ');
}

function star(cx: number, cy: number, r: number): string {
  return Array.from({ length: 10 }, (_, i) => pointAt(cx, cy, i % 2 === 0 ? r : r * 0.45, (i * Math.PI) / 5 - Math.PI / 2)).join(' ');
}

function polar(cx: number, cy: number, r: number, angle: number): [x: number, y: number] {
  return [round(cx + r * Math.cos(angle)), round(cy + r * Math.sin(angle))];
}

function pointAt(cx: number, cy: number, r: number, angle: number): string {
  return polar(cx, cy, r, angle).join(',');
}

/** Darkens a `#rrggbb` colour by 12 % per step. */
function shade(hex: string, steps: number): string {
  const factor = 1 - 0.12 * steps;
  const channel = (offset: number): string =>
    Math.round(parseInt(hex.slice(offset, offset + 2), 16) * factor).toString(16).padStart(2, '0');
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

function hsl(hue: number, saturation: number, lightness: number): string {
  const h = (((hue % 360) + 360) % 360) / 360;
  const s = Math.min(100, Math.max(0, saturation)) / 100;
  const l = Math.min(100, Math.max(0, lightness)) / 100;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number): string => {
    const k = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v = k < 1 / 6 ? p + (q - p) * 6 * k : k < 1 / 2 ? q : k < 2 / 3 ? p + (q - p) * (2 / 3 - k) * 6 : p;
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(h + 1 / 3)}${channel(h)}${channel(h - 1 / 3)}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
