import { describe, expect, it } from 'vitest';
import { demoCatalog } from './generate.js';
import { escapeXml, renderBackdrop, renderPoster, type PosterSubject } from './poster.js';

const GENRE_NAMES = new Map([
  ['horror', 'Horror'],
  ['kids', 'Kids'],
  ['comedy', 'Comedy'],
  ['sci-fi', 'Sci-Fi'],
]);

const base: PosterSubject = {
  id: 'mv-0042',
  name: 'The Quiet Lantern',
  genres: ['horror', 'comedy'],
  releaseYear: 2021,
  kind: 'movie',
  maturityRating: 'R',
};

/**
 * A small well-formedness check: balanced tags, quoted attributes, no raw `<` or stray `&` in
 * text or attribute values. Returns the problems found.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i;
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const text = xml.slice(last, m.index);
    if (text.includes('<') || text.includes('>')) problems.push(`raw markup in text: ${text.slice(0, 40)}`);
    if (badAmp.test(text)) problems.push(`unescaped & in text: ${text.slice(0, 40)}`);
    if (badAmp.test(m[3] ?? '')) problems.push(`unescaped & in attributes of <${m[2]}>`);
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) problems.push(`mismatched </${name}>`);
    } else if (!selfClosing) stack.push(name ?? '');
    last = tag.lastIndex;
  }
  if (xml.slice(last).trim() !== '') problems.push('trailing content');
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

function textContent(xml: string): string {
  return xml.replace(/<[^>]*>/g, ' ');
}

describe('escapeXml', () => {
  it('escapes the five XML specials and drops control characters', () => {
    expect(escapeXml(`Tom & "Jerry's" <Big> Day\u0001`)).toBe('Tom &amp; &quot;Jerry&apos;s&quot; &lt;Big&gt; Day');
  });
});

describe('renderPoster', () => {
  it('returns a well-formed 2:3 SVG with the name, year and rating', () => {
    const svg = renderPoster(base, GENRE_NAMES);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 600"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('<title>The Quiet Lantern (2021)</title>');
    const text = textContent(svg);
    expect(text).toContain('2021');
    expect(text).toContain('R');
    expect(text).toContain('HORROR');
    expect(text.replace(/\s+/g, ' ')).toContain('THE QUIET LANTERN');
  });

  it('escapes & < > " \' in the name and genre names', () => {
    const nasty: PosterSubject = { ...base, name: `Tom & Jerry's <"Big"> Night</text><script>`, genres: ['x&y'] };
    const svg = renderPoster(nasty, new Map([['x&y', 'Fish & <Chips>']]));
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<"Big">');
    expect(svg).toContain('&amp;');
    expect(svg).toContain('&lt;');
    expect(svg).toContain('&gt;');
    expect(svg).toContain('&quot;');
    expect(svg).toContain('&apos;');
    expect(svg).toContain('FISH &amp; &lt;CHIPS&gt;');
  });

  it('is deterministic and varies between titles', () => {
    expect(renderPoster(base, GENRE_NAMES)).toBe(renderPoster({ ...base }, new Map(GENRE_NAMES)));
    expect(renderPoster({ ...base, id: 'mv-0043' }, GENRE_NAMES)).not.toBe(renderPoster(base, GENRE_NAMES));
  });

  it('fits long names, copes with unknown genres and empty names', () => {
    const long = renderPoster({ ...base, name: 'Supercalifragilisticexpialidociousness and the Extraordinarily Long Sequel Title', genres: [] });
    expect(xmlProblems(long)).toEqual([]);
    const size = Number(/font-size="(\d+)"[^>]*text-anchor="middle" fill="#fff" stroke/.exec(long)?.[1]);
    expect(size).toBeGreaterThanOrEqual(26);
    expect(long.match(/<tspan/g)?.length).toBeLessThanOrEqual(4);
    expect(xmlProblems(renderPoster({ ...base, name: '   ', genres: ['made-up'] }))).toEqual([]);
  });

  it('draws every demo title as valid XML', () => {
    const { genres, titles } = demoCatalog(new Date('2025-01-01T00:00:00Z'));
    const names = new Map(genres.map((g) => [g.id, g.name]));
    const styles = new Set<string>();
    for (const title of titles.slice(0, 120)) {
      const svg = renderPoster({ ...title, id: title.id }, names);
      expect(xmlProblems(svg)).toEqual([]);
      styles.add(/<linearGradient id="[^"]+-bg"[^>]*><stop offset="0" stop-color="(#[0-9a-f]{6})"/.exec(svg)?.[1] ?? '');
    }
    expect(styles.size).toBeGreaterThan(60);
  });
});

describe('renderBackdrop', () => {
  it('returns a well-formed 16:9 SVG with the name', () => {
    const svg = renderBackdrop({ ...base, kind: 'show', maturityRating: 'TV-MA', genres: ['kids', 'sci-fi'] }, GENRE_NAMES);
    expect(svg).toContain('viewBox="0 0 1280 720"');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('<title>The Quiet Lantern (2021)</title>');
    expect(textContent(svg)).toContain('SERIES');
    expect(renderBackdrop(base, GENRE_NAMES)).toBe(renderBackdrop(base, GENRE_NAMES));
  });
});
