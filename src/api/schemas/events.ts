import { Type } from 'typebox';
import { ClientEventDoc, MAX_EVENTS_PER_BATCH } from '../../activity/index.js';

/** A batch of events. Documented here, but checked per event in code (a bad event must not sink the batch). */
export const EventsBody = Type.Object({
  events: Type.Array(ClientEventDoc, { maxItems: MAX_EVENTS_PER_BATCH }),
});

/** The sendBeacon form: the session token travels in the body because sendBeacon cannot set headers. */
export const BeaconBody = Type.Object({
  token: Type.String({ description: 'Session token from POST /v1/sessions' }),
  events: Type.Array(Type.Unknown(), { maxItems: MAX_EVENTS_PER_BATCH, description: 'Events as in POST /v1/events' }),
});

export const EventsAccepted = Type.Object({
  accepted: Type.Integer({ description: 'Events appended durably by this request' }),
  duplicates: Type.Integer({ description: 'Repeats of event ids seen recently on this node (already durable), dropped' }),
  errors: Type.Array(
    Type.Object({
      index: Type.Integer({ description: 'Position of the event in the batch' }),
      code: Type.String({ description: 'EVENT_INVALID, PROFILE_NOT_FOUND or PIN_REQUIRED' }),
      message: Type.String(),
    }),
  ),
});
