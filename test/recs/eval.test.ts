import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlEngine } from '../../src/platform/sql/index.js';
import { evalMarkdown, evaluateTopPicks } from '../../src/recs/eval/evaluate.js';
import { MetricMeans, ndcgAtK, recallAtK } from '../../src/recs/eval/metrics.js';
import { titleInput } from '../helpers/titles.js';
import { FIXTURE_NOW, fixtureSnapshot, watched, writeLake, type FixtureEvent } from './lake-fixture.js';

describe('ranking metrics (hand-checked)', () => {
  it('recall@k and NDCG@k of one held-out item', () => {
    expect(recallAtK(['a', 'b', 'c'], 'b', 2)).toBe(1);
    expect(ndcgAtK(['a', 'b', 'c'], 'b', 2)).toBeCloseTo(1 / Math.log2(3), 12); // rank 2 → 0.6309
    expect(ndcgAtK(['b', 'a'], 'b', 2)).toBe(1);
    expect(recallAtK(['a', 'b', 'c'], 'c', 2)).toBe(0); // beyond k
    expect(ndcgAtK(['a', 'b', 'c'], 'c', 2)).toBe(0);
    const means = new MetricMeans(2);
    means.add(['a', 'b', 'c'], 'b');
    means.add(['a', 'b', 'c'], 'c');
    means.add(['c', 'b'], 'c');
    expect(means.result().recall).toBeCloseTo(2 / 3, 12);
    expect(means.result().ndcg).toBeCloseTo((1 / Math.log2(3) + 0 + 1) / 3, 12);
  });
});

describe('leave-last-out evaluation on a tiny lake', () => {
  it('holds out each profile’s last title and scores Top Picks against popularity', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'recs-eval-'));
    const sql = await openSqlEngine({ threads: 1, memoryLimit: '512MB' });
    try {
      const title = (id: string, genre: string): ReturnType<typeof titleInput> =>
        titleInput({ id, name: id, genres: [genre], runtimeMinutes: 60, people: [{ name: `cast of ${id}`, role: 'actor' }] });
      const catalog = fixtureSnapshot(['d1', 'd2', 'd3', 'd4'].map((id) => title(id, 'drama')).concat(['c1', 'c2', 'c3', 'c4'].map((id) => title(id, 'comedy'))));
      // Four drama fans watch d1, d2, then d3 (held out); four comedy fans c1, c2, then c3.
      const events: FixtureEvent[] = [];
      for (let i = 0; i < 4; i++) {
        for (const [fan, titles] of [[`drama-${i}`, ['d1', 'd2', 'd3']], [`comedy-${i}`, ['c1', 'c2', 'c3']]] as const) {
          titles.forEach((titleId, n) => events.push(...watched(fan, titleId, 3600, 3600, 30 - n * 5 - i)));
        }
      }
      await writeLake(sql, path.join(dir, 'lake'), events);
      const report = await evaluateTopPicks({ sql, lakeRoot: path.join(dir, 'lake'), catalog, now: FIXTURE_NOW, k: 4 });
      expect(report.profiles).toBe(8);
      // Without the held-out titles nobody viewed d3 or c3: popularity (d1, d2, c1, c2; the fan's own two
      // left out) never finds them...
      expect(report.popularity).toEqual({ recall: 0, ndcg: 0 });
      // ...while Top Picks reaches them through content neighbours and genre taste: after the other
      // genre's two viewed titles (a pick by views), first of the unviewed ones (d3/c3 before d4/c4 by id on a tie).
      expect(report.topPicks.recall).toBe(1);
      expect(report.topPicks.ndcg).toBeCloseTo(1 / Math.log2(4), 6);
      expect(report.recallLift).toBeNull();
      expect(evalMarkdown(report)).toContain('| Top Picks | 100.00 % | 0.5000 |');
    } finally {
      await sql.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
