import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, errorBody } from '../errors.js';

/** Fastify's own error codes mapped onto the catalogue, so every failure has the one error shape. */
const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BAD_REQUEST' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BAD_REQUEST' },
};

interface ValidationIssue {
  field: string;
  message: string;
}

function validationIssues(error: FastifyError): ValidationIssue[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((issue) => {
    const missing = (issue.params as { missingProperty?: string } | undefined)?.missingProperty;
    const pointer = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = [context, pointer, missing].filter(Boolean).join('.');
    return { field, message: issue.message ?? 'is invalid' };
  });
}

/** Installs the error and not-found handlers that give every failure the catalogue's shape. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (error.validation) {
      const issues = validationIssues(error);
      const message = issues.map((i) => `${i.field} ${i.message}`).join('; ');
      return reply.status(400).send(errorBody('VALIDATION_FAILED', message || 'The request is not valid', issues));
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return reply.status(mapped.status).send(errorBody(mapped.code, error.message));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('BAD_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'Something went wrong on our side'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
