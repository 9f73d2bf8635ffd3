/** Poster and backdrop shapes per mood (rain, skylines, ridges, stars…) and the colour helpers they share. */
import type { Random } from './random.js';

export type Style = 'dark' | 'action' | 'light' | 'kids' | 'epic' | 'real' | 'heart';

export interface Font {
  family: string;
  weight: number;
  upper: boolean;
  /** Average advance of a character, in ems (used to wrap without measuring). */
  advance: number;
  lineHeight: number;
  /** Letter spacing in ems. */
  tracking: number;
}

export interface Palette {
  top: string;
  middle: string;
  bottom: string;
  accent: string;
  glow: string;
  ink: string;
}

export interface Look {
  style: Style;
  rng: Random;
  uid: string;
  colors: Palette;
  font: Font;
  original: boolean;
  genreLabel: string;
}

// ---- mood shapes ----

type ShapeRenderer = (look: Look, width: number, height: number) => string;

export const SHAPES: Readonly<Record<Style, ShapeRenderer>> = {
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
export function shade(hex: string, steps: number): string {
  const factor = 1 - 0.12 * steps;
  const channel = (offset: number): string =>
    Math.round(parseInt(hex.slice(offset, offset + 2), 16) * factor).toString(16).padStart(2, '0');
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

export function hsl(hue: number, saturation: number, lightness: number): string {
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

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
