import { Type } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const PlayBody = Type.Object(
  {
    profileId: Id,
    titleId: Type.Optional(Id),
    episodeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Play this episode (titleId may be omitted)' })),
    device: Type.Object(
      {
        id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\s]+$', description: "The client's stable device id; one device holds at most one stream" }),
        type: Type.Optional(Type.String({ maxLength: 32, description: 'tv, web, mobile, ...' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const SessionParams = Type.Object({ sessionId: Type.String({ minLength: 1, maxLength: 64 }) });

export const EpisodeRefSchema = Type.Object({
  id: Type.String(),
  seasonNumber: Type.Integer(),
  episodeNumber: Type.Integer(),
  name: Type.String(),
  playable: Type.Boolean(),
});

export const PlayResponse = Type.Object(
  {
    sessionId: Type.String(),
    titleId: Type.String(),
    episode: Nullable(EpisodeRefSchema),
    maxHeight: Type.Integer({ description: "Tallest rung the plan allows; the manifests list nothing above it" }),
    expiresAt: Type.String({ format: 'date-time', description: 'The stream lease ends here unless a heartbeat extends it' }),
    heartbeatIntervalSec: Type.Integer({ description: 'Send POST /v1/play/:sessionId/heartbeat this often' }),
    baseUrls: Type.Array(Type.String(), {
      description:
        'Delivery hosts, best first: primary then backups; on failure, retry the same path on the next one. ' +
        'Until edge steering is deployed this is the api/origin itself (MARQUEE_PUBLIC_URL, else the request host) with no backups.',
    }),
    paths: Type.Object(
      { hls: Type.String(), dash: Type.String(), trickplay: Nullable(Type.String()) },
      { description: 'Signed paths (/t/<token>/media/...) to append to any base URL; the token covers every file of the title' },
    ),
    manifests: Type.Object({ hls: Type.String(), dash: Type.String() }, { description: 'The paths on the primary host' }),
    trickplay: Nullable(Type.String({ description: 'WebVTT thumbnail index on the primary host' })),
    mediaTokenExpiresAt: Type.String({ format: 'date-time' }),
    license: Type.Object(
      {
        keySystem: Type.Literal('org.w3.clearkey'),
        url: Type.String({ description: "ClearKey license server; the URL carries the session's license token, no Authorization header needed" }),
      },
    ),
    resume: Nullable(Type.Object({ positionSec: Type.Number(), durationSec: Type.Number(), updatedAt: Type.String({ format: 'date-time' }) })),
    nextEpisode: Nullable(EpisodeRefSchema),
  },
  { $id: 'PlayResponse' },
);

export const HeartbeatBody = Type.Object(
  {
    positionSec: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
    durationSec: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6 })),
  },
  { additionalProperties: false },
);

export const HeartbeatResponse = Type.Object({
  sessionId: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  heartbeatIntervalSec: Type.Integer(),
});

export const LicenseQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) });

export const ClearKeyRequestSchema = Type.Object(
  {
    kids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 16, description: 'Key ids, base64url' }),
    type: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { description: 'W3C EME ClearKey license request' },
);

export const ClearKeyLicenseSchema = Type.Object(
  {
    keys: Type.Array(Type.Object({ kty: Type.Literal('oct'), kid: Type.String(), k: Type.String() })),
    type: Type.Literal('temporary'),
  },
  { description: 'W3C EME ClearKey license (JSON Web Key Set)' },
);
