import { Type } from 'typebox';
import { MATURITY_RATINGS } from '../../catalog/model.js';
import { PLAN_IDS } from '../../accounts/plans.js';
import { RATING_VALUES } from '../../accounts/model.js';
import { TitleSummarySchema } from './catalog.js';

// A pragmatic shape check (one @, a dot in the domain, no spaces); the real check is the
// confirmation mail a production deployment would send.
export const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', description: 'Email address' });
export const Password = Type.String({ minLength: 1, maxLength: 1024, description: 'At least 8 characters, not a common password' });
export const Country = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 country' });
export const Plan = Type.Enum(PLAN_IDS, { description: 'basic, standard or premium' });
export const Maturity = Type.Enum(MATURITY_RATINGS);
export const Pin = Type.String({ pattern: '^[0-9]{4}$', description: 'Four digits' });
export const RatingValue = Type.Enum([...RATING_VALUES], { description: 'Thumbs down, up, or double up' });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const TitleParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), titleId: Type.String({ minLength: 1, maxLength: 64 }) });

export const EntitlementsSchema = Type.Object({
  plan: Plan,
  maxResolution: Type.Integer({ description: 'Highest video height, e.g. 1080' }),
  concurrentStreams: Type.Integer(),
  downloads: Type.Boolean(),
  downloadDevices: Type.Integer(),
});

export const AccountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  country: Type.String(),
  plan: Plan,
  createdAt: Type.String({ format: 'date-time' }),
});

export const AccountWithEntitlements = Type.Object({ ...AccountSchema.properties, entitlements: EntitlementsSchema });

export const RegisterBody = Type.Object(
  { email: Email, password: Password, country: Country, plan: Type.Optional(Plan) },
  { additionalProperties: false },
);

export const SignInBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }), deviceName: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

export const SessionSchema = Type.Object({
  id: Type.String(),
  deviceName: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time', description: 'Approximate: refreshed when the session cache entry is' }),
  expiresAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean(),
});

export const SignedInSchema = Type.Object({
  token: Type.String({ description: 'Send as `Authorization: Bearer <token>`' }),
  accountId: Type.String(),
  session: SessionSchema,
});

const ProfileName = Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' });
const Avatar = Type.String({ pattern: '^[a-z0-9-]{1,32}$' });
const Language = Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]+)?$', maxLength: 16 });

export const ProfileSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  avatar: Type.String(),
  language: Type.String(),
  kids: Type.Boolean(),
  maturityRating: Type.String({ description: 'Highest rating this profile sees' }),
  hasPin: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const CreateProfileBody = Type.Object(
  {
    name: ProfileName,
    avatar: Type.Optional(Avatar),
    language: Type.Optional(Language),
    kids: Type.Optional(Type.Boolean()),
    maturityRating: Type.Optional(Maturity),
    pin: Type.Optional(Pin),
  },
  { additionalProperties: false },
);

export const UpdateProfileBody = Type.Object(
  {
    name: Type.Optional(ProfileName),
    avatar: Type.Optional(Avatar),
    language: Type.Optional(Language),
    kids: Type.Optional(Type.Boolean()),
    maturityRating: Type.Optional(Maturity),
    pin: Type.Optional(Type.Union([Pin, Type.Null()], { description: 'null removes the PIN' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

const Cursor = Type.Optional(Type.String({ maxLength: 256 }));
export const PageQuery = (max: number, fallback: number) =>
  Type.Object({ cursor: Cursor, limit: Type.Integer({ minimum: 1, maximum: max, default: fallback }) });

export const ListItemSchema = Type.Object({ ...TitleSummarySchema.properties, addedAt: Type.String({ format: 'date-time' }) });

export const RatingSchema = Type.Object({
  titleId: Type.String(),
  rating: RatingValue,
  ratedAt: Type.String({ format: 'date-time' }),
});

export const ProgressSchema = Type.Object({
  titleId: Type.String(),
  episodeId: Type.Union([Type.String(), Type.Null()]),
  positionSec: Type.Number(),
  durationSec: Type.Number(),
  completed: Type.Boolean(),
  updatedAt: Type.String({ format: 'date-time' }),
});
