import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES, datasetKey } from '../../src/recs/datasets.js';
import { createProfile, signUp, type Member } from '../helpers/accounts-app.js';
import { createHomeTestApp, fixtureDatasets, publish, type HomeTestApp } from './home-harness.js';

interface SimilarBody {
  titleId: string;
  source: 'dataset' | 'content';
  items: { id: string; maturityRating: string; genres: string[] }[];
}

describe('GET /v1/titles/:id/similar (More Like This)', () => {
  let t: HomeTestApp;
  let member: Member;
  let kid: string;
  let teen: string;

  const similar = async (url: string, headers: Record<string, string> = {}): Promise<SimilarBody> => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<SimilarBody>();
  };

  beforeAll(async () => {
    t = await createHomeTestApp();
    await publish(t.blobs, fixtureDatasets('v1', new Date()));
    await t.store.refresh();
    member = await signUp(t.app, { country: 'US' });
    kid = await createProfile(t.app, member, { name: 'Kid', kids: true });
    teen = await createProfile(t.app, member, { name: 'Teen', maturityRating: 'PG-13' });
  }, 240_000);
  afterAll(async () => t.close());

  it('answers the published neighbours in order', async () => {
    const body = await similar('/v1/titles/action-0/similar?limit=5');
    expect(body).toMatchObject({ titleId: 'action-0', source: 'dataset' });
    expect(body.items.map((i) => i.id)).toEqual(['action-1', 'action-2', 'action-3', 'action-4', 'action-5']);
  });

  it("filters by the profile's maturity and the account's country", async () => {
    const body = await similar(`/v1/titles/action-0/similar?limit=40&profileId=${teen}`, member.headers);
    const ids = body.items.map((i) => i.id);
    expect(ids).not.toContain('action-4'); // R
    expect(ids).not.toContain('action-6'); // GB only
    expect(ids).toContain('action-5');
    expect(body.items.every((i) => i.maturityRating !== 'R')).toBe(true);
    const kids = await similar(`/v1/titles/kids-0/similar?profileId=${kid}`, member.headers);
    expect(kids.items.length).toBeGreaterThan(0);
    expect(new Set(kids.items.map((i) => i.maturityRating))).toEqual(new Set(['G']));
  });

  it('is TITLE_NOT_FOUND (404, the standard error shape) for an unknown id or a title the profile may not see', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/v1/titles/no-such-title/similar' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: 'TITLE_NOT_FOUND', message: 'No such title', details: { id: 'no-such-title' } } });
    const hidden = await t.app.inject({ method: 'GET', url: `/v1/titles/action-4/similar?profileId=${kid}`, headers: member.headers });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ error: { code: 'TITLE_NOT_FOUND' } });
    const other = await signUp(t.app);
    const foreign = await t.app.inject({ method: 'GET', url: `/v1/titles/action-0/similar?profileId=${kid}`, headers: other.headers });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ error: { code: 'PROFILE_NOT_FOUND' } });
  });

  it('falls back to content similarity (same genre, shared cast first) for a title the dataset lacks', async () => {
    const { similar: published, ...rest } = fixtureDatasets('v2', new Date());
    delete published['scifi-3'];
    await publish(t.blobs, { ...rest, similar: published, manifest: { ...rest.manifest, version: 'v2' } });
    await t.store.refresh();
    const body = await similar('/v1/titles/scifi-3/similar?limit=40');
    expect(body.source).toBe('content');
    expect(body.items.length).toBeGreaterThan(5);
    expect(body.items.every((i) => i.genres.includes('scifi'))).toBe(true);
    // scifi-3 shares its star (n % 3 = 0) with scifi-0, 6, 9…: they come first.
    expect(body.items.slice(0, 3).map((i) => i.id)).toEqual(['scifi-0', 'scifi-6', 'scifi-9']);
    expect(body.items.map((i) => i.id)).not.toContain('scifi-3');
  });

  it('falls back to content similarity when no datasets are published', async () => {
    for (const name of [...DATASET_NAMES, 'manifest' as const]) await t.blobs.delete(datasetKey('v2', name));
    await t.blobs.delete('recs/CURRENT');
    await t.store.refresh();
    const body = await similar('/v1/titles/action-0/similar');
    expect(body.source).toBe('content');
    expect(body.items.every((i) => i.genres.includes('action'))).toBe(true);
  });
});
