/**
 * The ceiling of any Top Picks on a simulated population: rank every title by the simulator's own
 * pick probability for the profile, with its hidden taste (a share of plays by overall popularity, a
 * share by a taste community and a title of it by popularity, the rest by a genre drawn from the
 * taste and a title of it by popularity; see `chooseTitle`). No recommender that only sees the lake
 * can beat it on average; the evaluation reports it next to Top Picks and popularity so their figures
 * can be read against what the data allows.
 */
import type { EvalSet } from '../../src/recs/eval/evaluate.js';
import { MetricMeans } from '../../src/recs/eval/metrics.js';
import type { SimCatalog } from './catalog.js';
import type { SimProfile } from './population.js';
import { COMMUNITY_PICK_SHARE, GLOBAL_PICK_SHARE } from './session.js';

export function oracleScores(set: EvalSet, catalog: SimCatalog, profiles: readonly SimProfile[]): { recall: number; ndcg: number; profiles: number } {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const total = catalog.titles.reduce((sum, t) => sum + t.popularity, 0);
  const genreTotal = catalog.byGenre.map((g) => g.cumulative[g.cumulative.length - 1] ?? 0);
  const communityTotal = catalog.communities.map((c) => c.cumulative[c.cumulative.length - 1] ?? 0);
  const means = new MetricMeans(set.k);
  let evaluated = 0;
  for (const [profileId, target] of set.heldOut) {
    const profile = byId.get(profileId);
    if (!profile) continue;
    const seen = new Set((set.histories.get(profileId) ?? []).map((h) => h.titleId));
    const communityShare = profile.communities.length > 0 ? COMMUNITY_PICK_SHARE : 0;
    const communityWeight = new Map(profile.communities.map((c) => [c.index, c.weight]));
    const ranked = catalog.titles
      .map((title, i) => {
        let p = (GLOBAL_PICK_SHARE * title.popularity) / total;
        const inCommunity = communityWeight.get(title.community);
        if (inCommunity) p += (communityShare * inCommunity * title.popularity) / (communityTotal[title.community] as number);
        for (const g of catalog.genreIndexes[i] as number[]) p += ((1 - GLOBAL_PICK_SHARE - communityShare) * (profile.taste[g] as number) * title.popularity) / (genreTotal[g] as number);
        return { id: title.id, p };
      })
      .filter((t) => !seen.has(t.id))
      .sort((a, b) => b.p - a.p || (a.id < b.id ? -1 : 1))
      .slice(0, set.k)
      .map((t) => t.id);
    means.add(ranked, target);
    evaluated++;
  }
  return { ...means.result(), profiles: evaluated };
}
