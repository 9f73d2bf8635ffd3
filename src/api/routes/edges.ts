import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { EdgeFleet, EdgeWithStatus } from '../../delivery/edges/index.js';
import { AppError } from '../../errors.js';
import { errorResponses } from '../schemas/common.js';
import { EdgeBody, EdgeList, EdgeParams, EdgeSchema, LoadReportBody } from '../schemas/edges.js';

export interface EdgeRouteDeps {
  edges: EdgeFleet;
  requireAdmin: preHandlerAsyncHookHandler;
}

const admin = [{ adminToken: [] }];

function toJson({ edge, status }: EdgeWithStatus) {
  const { titles, ...rest } = edge;
  return {
    ...rest,
    titleCount: titles.length,
    status: status ? { healthy: status.healthy, failures: status.failures, successes: status.successes, lastCheckedAt: status.lastCheckedAt } : null,
  };
}

/** The edge registry (admin) and edge load reports. */
export async function edgeRoutes(app: FastifyInstance, deps: EdgeRouteDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { edges } = deps;
  const guarded = { preHandler: deps.requireAdmin };

  r.put('/v1/admin/edges/:id', {
    ...guarded,
    schema: {
      tags: ['edges'],
      summary: 'Register or update an edge appliance (201 when new); the region follows from the country',
      security: admin,
      params: EdgeParams,
      body: EdgeBody,
      response: { 200: EdgeSchema, 201: EdgeSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const { edge, created } = await edges.put(request.params.id, request.body);
    return reply.status(created ? 201 : 200).send(toJson(edge));
  });

  r.delete('/v1/admin/edges/:id', {
    ...guarded,
    schema: {
      tags: ['edges'],
      summary: 'Remove an edge; steering stops handing it out at once on this node, on the next check round elsewhere',
      security: admin,
      params: EdgeParams,
      response: { 204: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    if (!(await edges.remove(request.params.id))) throw new AppError('EDGE_NOT_FOUND', undefined, { id: request.params.id });
    return reply.status(204).send(null);
  });

  r.get('/v1/admin/edges', {
    ...guarded,
    schema: {
      tags: ['edges'],
      summary: "Every edge with its load report and this api node's health view",
      security: admin,
      response: { 200: EdgeList, ...errorResponses },
    },
  }, async () => ({ items: (await edges.list()).map(toJson) }));

  r.post('/v1/edges/:id/load', {
    ...guarded,
    schema: {
      tags: ['edges'],
      summary: 'An edge reports its load and the titles it holds (authenticated by the admin token for now)',
      security: admin,
      params: EdgeParams,
      body: LoadReportBody,
      response: { 200: EdgeSchema, ...errorResponses },
    },
  }, async (request) => toJson(await edges.reportLoad(request.params.id, request.body.load, request.body.titles)));
}
