import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_EVENTS_BODY_BYTES, type EventIngest } from '../../activity/index.js';
import type { AuthContext } from '../../accounts/model.js';
import { AppError } from '../../errors.js';
import { callerOf, type SessionAuth } from '../auth.js';
import { errorResponses, ErrorResponse } from '../schemas/common.js';
import { BeaconBody, EventsAccepted, EventsBody } from '../schemas/events.js';

export interface EventRouteDeps {
  ingest: EventIngest;
  auth: SessionAuth;
  sessions: { authenticate(token: string): Promise<AuthContext | null> };
}

/**
 * The body schemas are for the OpenAPI document only: a schema check would reject the whole batch
 * for one bad event, and each event is validated on its own by the ingest (compiled once).
 */
const documentOnly = () => (value: unknown) => ({ value });

function eventsOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('events' in body)) throw new AppError('VALIDATION_FAILED', 'body.events is required');
  return body.events;
}

/** Parses the beacon body: JSON sent as text/plain (or JSON), the session token inside it. */
function beaconBody(raw: unknown): { token: unknown; events: unknown } {
  let body = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      throw new AppError('BAD_REQUEST', 'The beacon body must be JSON');
    }
  }
  if (typeof body !== 'object' || body === null) throw new AppError('VALIDATION_FAILED', 'The beacon body must be an object');
  return { token: 'token' in body ? body.token : undefined, events: eventsOf(body) };
}

/**
 * Plain `JSON.parse` for the event routes, in their own scope: the default parser's prototype-poisoning
 * scan of every ~100 KB batch was measurable at full ingest, and it guards nothing here. Every event
 * is a closed object (an unknown key such as `__proto__` makes it invalid) and nothing merges a
 * request body into another object.
 */
function parseJsonBody(_request: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void): void {
  if (body.length === 0) return done(new AppError('BAD_REQUEST', 'The body is empty; expected JSON'));
  try {
    done(null, JSON.parse(body));
  } catch {
    done(new AppError('BAD_REQUEST', 'The body is not valid JSON'));
  }
}

/** `POST /v1/events` and its `navigator.sendBeacon` form. */
export async function eventRoutes(parent: FastifyInstance, deps: EventRouteDeps): Promise<void> {
  await parent.register(async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
    await eventRoutesIn(app, deps);
  });
}

async function eventRoutesIn(app: FastifyInstance, deps: EventRouteDeps): Promise<void> {
  const accepted = { 202: EventsAccepted, ...errorResponses, 503: ErrorResponse };

  app.post('/v1/events', {
    preHandler: deps.auth.requireSession,
    bodyLimit: MAX_EVENTS_BODY_BYTES,
    validatorCompiler: documentOnly,
    schema: {
      tags: ['activity'],
      summary: 'Send a batch of activity events (≤ 500 events, ≤ 512 KB); 202 once they are durable',
      description:
        'Each event is validated on its own: invalid ones are listed in `errors` by index and the valid ones are kept. ' +
        'An event naming a profile that is not the caller\'s gets PROFILE_NOT_FOUND. Event ids seen recently are dropped ' +
        'as duplicates. The 202 is sent only after the kept events are durable in the activity log. More than 500 events ' +
        'or a body over 512 KB is 413 PAYLOAD_TOO_LARGE. See docs/EVENTS.md.',
      security: [{ session: [] }],
      body: EventsBody,
      response: accepted,
    },
  }, async (request, reply) => {
    const result = await deps.ingest.ingest(callerOf(request), eventsOf(request.body));
    return reply.status(202).send(result);
  });

  app.post('/v1/events/beacon', {
    bodyLimit: MAX_EVENTS_BODY_BYTES,
    validatorCompiler: documentOnly,
    schema: {
      tags: ['activity'],
      summary: 'The same batch for navigator.sendBeacon: `text/plain` JSON with the session token in the body',
      description:
        'sendBeacon cannot set an Authorization header, so the body carries `token` next to `events`; a string ' +
        'body is sent as `text/plain`, which needs no CORS preflight. Same limits, checks and 202 as POST /v1/events.',
      body: BeaconBody,
      response: accepted,
    },
  }, async (request: FastifyRequest, reply) => {
    const { token, events } = beaconBody(request.body);
    const auth = typeof token === 'string' && token.length > 0 ? await deps.sessions.authenticate(token) : null;
    if (!auth) throw new AppError('UNAUTHENTICATED');
    const result = await deps.ingest.ingest(auth, events);
    return reply.status(202).send(result);
  });
}
