import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const EdgeParams = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9-]{1,32}$', description: '1-32 of a-z, 0-9 and -' }),
});

export const EdgeBody = Type.Object({
  baseUrl: Type.String({ minLength: 1, maxLength: 512, description: 'Where clients fetch media, e.g. http://edge-fra-1.example.net:8081' }),
  country: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2; the steering region is derived from it' }),
  capacityGbps: Type.Number({ exclusiveMinimum: 0, maximum: 100_000, description: 'Serving capacity; load reports are relative to it' }),
  cacheSize: Type.String({ pattern: '^[1-9][0-9]{0,6}[kKmMgG]$', description: 'nginx proxy_cache max_size, e.g. 10g' }),
});

export const EdgeStatusSchema = Type.Object({
  healthy: Type.Boolean({ description: "Whether this api node steers to the edge (its own active checks)" }),
  failures: Type.Integer({ description: 'Consecutive failed checks' }),
  successes: Type.Integer({ description: 'Consecutive successful checks' }),
  lastCheckedAt: Nullable(Type.String()),
});

export const EdgeSchema = Type.Object(
  {
    id: Type.String(),
    baseUrl: Type.String(),
    country: Type.String(),
    region: Type.String(),
    capacityGbps: Type.Number(),
    cacheSize: Type.String(),
    load: Type.Number({ minimum: 0, maximum: 1, description: 'From the last load report; 0 before the first' }),
    titleCount: Type.Integer({ description: 'Titles the edge reported holding' }),
    loadReportedAt: Nullable(Type.String()),
    status: Nullable(EdgeStatusSchema),
  },
  { description: 'An edge appliance with this api node’s live view of it' },
);

export const EdgeList = Type.Object({ items: Type.Array(EdgeSchema) });

export const LoadReportBody = Type.Object({
  load: Type.Number({ minimum: 0, maximum: 1, description: 'Utilisation of the edge’s capacity, 0..1' }),
  titles: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
    maxItems: 50_000,
    description: 'Titles whose segments the edge holds; replaces the previous set (omit to keep it)',
  })),
});
