import { describe, expect, it } from 'vitest';
import { applyCheck, initialStatus } from '../../../src/delivery/edges/health.js';
import { rankEdges, scoreEdge, steeringRanker, STEERING } from '../../../src/delivery/edges/steering.js';
import { storedEdge, view } from './helpers.js';

const ids = (views: Parameters<typeof rankEdges>[0], country: string, titleId = 't1') => rankEdges(views, { country, titleId }).map((e) => e.id);

describe('scoreEdge', () => {
  const client = { country: 'DE', titleId: 't1' };

  it('scores proximity: same country 100, same region 50, elsewhere 0', () => {
    expect(scoreEdge(view('de-1', 'DE'), client)).toBe(100);
    expect(scoreEdge(view('at-1', 'AT'), client)).toBe(50);
    expect(scoreEdge(view('us-1', 'US'), client)).toBe(0);
  });

  it('subtracts 40 per unit of load and adds 30 when the edge holds the title', () => {
    expect(scoreEdge(view('de-1', 'DE', { load: 0.5 }), client)).toBe(80);
    expect(scoreEdge(view('de-1', 'DE', { load: 0.25, titles: ['t1'] }), client)).toBe(120);
    expect(scoreEdge(view('at-1', 'AT', { titles: ['t2'] }), client)).toBe(50);
  });

  it('matches the client country in any case and gives an unmapped country no region', () => {
    expect(scoreEdge(view('de-1', 'DE'), { country: 'de', titleId: 't1' })).toBe(100);
    expect(scoreEdge(view('at-1', 'AT'), { country: 'ZZ', titleId: 't1' })).toBe(0);
  });
});

describe('rankEdges', () => {
  it('ranks by proximity: same country, then same region, then elsewhere; at most three', () => {
    const fleet = [view('us-1', 'US'), view('at-1', 'AT'), view('de-1', 'DE'), view('br-1', 'BR')];
    expect(ids(fleet.slice(0, 3), 'DE')).toEqual(['de-1', 'at-1', 'us-1']);
    expect(ids(fleet, 'DE')).toHaveLength(STEERING.hosts);
    // A Canadian client: the US edge is in its region (north-america), the others are not.
    expect(ids(fleet, 'CA')[0]).toBe('us-1');
  });

  it('prefers the less loaded of two equally close edges', () => {
    expect(ids([view('de-1', 'DE', { load: 0.5 }), view('de-2', 'DE', { load: 0.25 })], 'DE')).toEqual(['de-2', 'de-1']);
  });

  it('puts an edge at or above 0.95 load after every other healthy edge, however close', () => {
    const fleet = [view('de-1', 'DE', { load: 0.95, titles: ['t1'] }), view('us-1', 'US', { load: 0.9 }), view('at-1', 'AT', { load: 0.94 })];
    expect(ids(fleet, 'DE')).toEqual(['at-1', 'us-1', 'de-1']);
  });

  it('prefers the edge that already holds the title, other things equal', () => {
    expect(ids([view('de-1', 'DE'), view('de-2', 'DE', { titles: ['t1'] })], 'DE')).toEqual(['de-2', 'de-1']);
    expect(ids([view('de-1', 'DE', { titles: ['t9'] }), view('de-2', 'DE', { titles: ['t1'] })], 'DE', 't9')).toEqual(['de-1', 'de-2']);
  });

  it('does not let a held title outweigh proximity: an idle same-country edge beats a same-region edge with the title', () => {
    expect(ids([view('at-1', 'AT', { titles: ['t1'] }), view('de-1', 'DE')], 'DE')).toEqual(['de-1', 'at-1']);
  });

  it('never returns a down edge, so it is never primary; every edge down gives []', () => {
    const fleet = [view('de-1', 'DE', { healthy: false }), view('us-1', 'US')];
    expect(ids(fleet, 'DE')).toEqual(['us-1']);
    expect(ids([view('de-1', 'DE', { healthy: false })], 'DE')).toEqual([]);
    expect(ids([], 'DE')).toEqual([]);
  });

  it('breaks ties by title: one title sticks to one edge, different titles spread over equal edges', () => {
    const fleet = [view('de-1', 'DE'), view('de-2', 'DE')];
    const primaries = Array.from({ length: 40 }, (_, i) => ids(fleet, 'DE', `title-${i}`)[0]);
    expect(new Set(primaries)).toEqual(new Set(['de-1', 'de-2']));
    expect(ids(fleet, 'DE', 'title-7')).toEqual(ids([...fleet].reverse(), 'DE', 'title-7'));
  });

  it('answers base URLs through the EdgeRanker interface play uses', async () => {
    const ranker = steeringRanker(() => [view('us-1', 'US'), view('de-1', 'DE')]);
    await expect(ranker({ country: 'DE', titleId: 't1' })).resolves.toEqual(['http://de-1.test', 'http://us-1.test']);
  });
});

describe('applyCheck', () => {
  const rules = { downAfter: 2, upAfter: 3 };
  const at = new Date('2025-01-01T00:00:00Z');
  const run = (results: boolean[]) => results.reduce((s, ok) => applyCheck(s, ok, at, rules), initialStatus(storedEdge('e', 'DE')));

  it('starts down and lets the first check decide', () => {
    expect(initialStatus(storedEdge('e', 'DE')).healthy).toBe(false);
    expect(run([true]).healthy).toBe(true);
    expect(run([false])).toMatchObject({ healthy: false, failures: 1, lastCheckedAt: at.toISOString() });
  });

  it('takes a healthy edge down only after N consecutive failures', () => {
    expect(run([true, false]).healthy).toBe(true);
    expect(run([true, false, true, false]).healthy).toBe(true);
    expect(run([true, false, false])).toMatchObject({ healthy: false, failures: 2, successes: 0 });
  });

  it('brings a down edge back only after M consecutive successes', () => {
    expect(run([true, false, false, true, true]).healthy).toBe(false);
    expect(run([true, false, false, true, true, false, true, true]).healthy).toBe(false);
    expect(run([true, false, false, true, true, true])).toMatchObject({ healthy: true, successes: 3, failures: 0 });
  });
});
