import { Type } from 'typebox';
import { JOB_STATES } from '../../media/jobs/model.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** An ingest job: where it is in the pipeline, how far along, and why it failed. */
export const JobSchema = Type.Object(
  {
    id: Type.String(),
    titleId: Type.String(),
    episodeId: Nullable(Type.String()),
    state: Type.Enum(JOB_STATES, { description: 'queued → probing → analysing → encoding → packaging → trickplay → qc → ready | failed' }),
    stage: Nullable(Type.Object({ index: Type.Integer(), count: Type.Integer() }, { description: 'Position of a running state among the pipeline stages' })),
    progress: Type.Number({ minimum: 0, maximum: 1, description: 'Estimate for the whole run' }),
    attempts: Type.Integer(),
    maxAttempts: Type.Integer(),
    reason: Nullable(Type.Object({ code: Type.String({ description: 'MEDIA_* or JOB_* code' }), message: Type.String() })),
    output: Nullable(Type.Object({
      prefix: Type.String({ description: 'Blob key prefix; served by the origin as /<prefix>/' }),
      hls: Type.String(),
      dash: Type.String(),
    })),
    leaseOwner: Nullable(Type.String()),
    leaseExpiresAt: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    finishedAt: Nullable(Type.String()),
  },
  { description: 'An ingest job' },
);

export const SourceQuery = Type.Object({
  season: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  episode: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  episodeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

export const JobListQuery = Type.Object({
  titleId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});

export const JobList = Type.Object({ items: Type.Array(JobSchema) });
