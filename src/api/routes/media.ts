import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.js';
import type { IngestService } from '../../media/jobs/ingest.js';
import { errorResponses, ErrorResponse } from '../schemas/common.js';
import { JobList, JobListQuery, JobSchema, SourceQuery } from '../schemas/media.js';

export interface MediaRouteDeps {
  ingest: IngestService;
  requireAdmin: preHandlerAsyncHookHandler;
}

/** Source bodies are raw bytes; these types are handed to the route as a stream, never buffered. */
const SOURCE_TYPES = ['application/octet-stream', 'video/mp4', 'video/quicktime', 'video/x-matroska', 'video/webm'];

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Admin media routes: source upload (streamed to blob storage, then queued) and job status. */
export async function mediaRoutes(app: FastifyInstance, deps: MediaRouteDeps): Promise<void> {
  // Own plugin scope: the raw-stream parser must not apply to any other route.
  await app.register(async (scope) => {
    const passStream = (_request: unknown, payload: Readable, done: (err: null, body: Readable) => void): void => done(null, payload);
    // Only raw bytes: JSON or text bodies (Fastify's defaults) get 415 instead of reaching the handler.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/octet-stream', passStream);
    scope.addContentTypeParser(/^video\/[\w.+-]+$/, passStream);
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    const { ingest } = deps;
    const admin = { preHandler: deps.requireAdmin };

    r.post('/v1/admin/titles/:id/source', {
      ...admin,
      // Fastify does not count streamed bodies; the ingest service enforces the limit while copying.
      bodyLimit: ingest.uploadLimitBytes,
      schema: {
        tags: ['media'],
        summary: 'Upload a source file (raw body) and queue it for ingest; a show takes season+episode or episodeId',
        security: [{ adminToken: [] }],
        consumes: SOURCE_TYPES,
        params: IdParams,
        querystring: SourceQuery,
        // Documents the raw body; any value passes, so the stream reaches the handler untouched.
        body: Type.Unknown({ description: 'The source file bytes' }),
        response: { 202: JobSchema, ...errorResponses, 415: ErrorResponse },
      },
    }, async (request, reply) => {
      const body = request.body as Readable | undefined;
      if (!body) throw new AppError('MEDIA_UPLOAD_EMPTY');
      const declared = request.headers['content-length'] === undefined ? undefined : Number(request.headers['content-length']);
      try {
        const job = await ingest.submit(request.params.id, request.query, body, Number.isFinite(declared) ? declared : undefined);
        return reply.status(202).header('location', `/v1/admin/jobs/${job.id}`).send(job);
      } catch (err) {
        // The rest of an oversized body is never read: close the connection instead of draining it.
        if (err instanceof AppError && err.code === 'MEDIA_UPLOAD_TOO_LARGE') reply.header('connection', 'close');
        throw err;
      }
    });

    r.get('/v1/admin/jobs/:id', {
      ...admin,
      schema: {
        tags: ['media'],
        summary: 'An ingest job: state, progress, attempts, failure reason, published manifests',
        security: [{ adminToken: [] }],
        params: IdParams,
        response: { 200: JobSchema, ...errorResponses },
      },
    }, async (request) => {
      const job = await ingest.jobs.get(request.params.id);
      if (!job) throw new AppError('JOB_NOT_FOUND', undefined, { id: request.params.id });
      return job;
    });

    r.get('/v1/admin/jobs', {
      ...admin,
      schema: {
        tags: ['media'],
        summary: 'Ingest jobs, newest first, optionally of one title',
        security: [{ adminToken: [] }],
        querystring: JobListQuery,
        response: { 200: JobList, ...errorResponses },
      },
    }, async (request) => ({ items: await ingest.jobs.list(request.query) }));
  });
}
