import { api, withQuery } from '../api';
import { logImpression } from '../impressions';
import type { TitleCard } from '../types';
import { useLoad } from '../useApi';
import { Row } from './Row';

/** The title page's More Like This row (GET /v1/titles/:id/similar); absent while loading or on failure. */
export function MoreLikeThis({ titleId, profileId }: { titleId: string; profileId: string }) {
  const similar = useLoad(`similar:${titleId}:${profileId}`, () =>
    api<{ items: TitleCard[] }>('GET', withQuery(`/v1/titles/${encodeURIComponent(titleId)}/similar`, { profileId, limit: 20 })),
  );
  const items = similar.data?.items ?? [];
  const row = `more-like-this:${titleId}`;
  return <Row key={titleId} rowId={row} name="More Like This" titles={items} onShown={() => logImpression(profileId, row, items.map((t) => t.id))} />;
}
