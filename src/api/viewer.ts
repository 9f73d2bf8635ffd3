import type { FastifyRequest } from 'fastify';
import { ANYONE, type Viewer } from '../catalog/model.js';

/** The reader filters a catalog request asked for with `?profileId=` and `?country=`. */
export interface ViewerQueryParams {
  profileId?: string;
  country?: string;
}

/**
 * Turns a request into the filters catalog reads apply. The accounts module supplies one that
 * checks the caller owns `profileId` and uses its maturity ceiling and the account's country.
 */
export type ViewerResolver = (request: FastifyRequest, query: ViewerQueryParams) => Promise<Viewer>;

/** Without a profile anyone sees everything available, optionally narrowed to `?country=`. */
export const anonymousViewer: ViewerResolver = async (_request, query) =>
  query.country ? { ...ANYONE, country: query.country.toUpperCase() } : ANYONE;
