/** The plans Marquee sells and what each one entitles an account to. One typed table, read everywhere. */

export interface PlanSpec {
  name: string;
  /** Highest video height a stream may use (720p, 1080p, 2160p). */
  maxResolution: 720 | 1080 | 2160;
  /** Streams the account may watch at the same time (enforced by playback leases). */
  concurrentStreams: number;
  downloads: boolean;
  /** Devices that may hold downloads at once; 0 when the plan has no downloads. */
  downloadDevices: number;
}

export const PLANS = {
  basic: { name: 'Basic', maxResolution: 720, concurrentStreams: 1, downloads: false, downloadDevices: 0 },
  standard: { name: 'Standard', maxResolution: 1080, concurrentStreams: 2, downloads: true, downloadDevices: 2 },
  premium: { name: 'Premium', maxResolution: 2160, concurrentStreams: 4, downloads: true, downloadDevices: 6 },
} as const satisfies Record<string, PlanSpec>;

export type PlanId = keyof typeof PLANS;
export const PLAN_IDS = Object.keys(PLANS) as PlanId[];
export const DEFAULT_PLAN: PlanId = 'standard';

/** What a plan allows; playback and downloads call this rather than reading the table themselves. */
export interface Entitlements {
  plan: PlanId;
  maxResolution: PlanSpec['maxResolution'];
  concurrentStreams: number;
  downloads: boolean;
  downloadDevices: number;
}

/** The entitlements of a plan. */
export function entitlements(plan: PlanId): Entitlements {
  const spec: PlanSpec = PLANS[plan];
  return {
    plan,
    maxResolution: spec.maxResolution,
    concurrentStreams: spec.concurrentStreams,
    downloads: spec.downloads,
    downloadDevices: spec.downloadDevices,
  };
}

/** Narrows a stored string to a plan id; an unknown value gets the least privileged plan. */
export function asPlanId(value: string): PlanId {
  return Object.hasOwn(PLANS, value) ? (value as PlanId) : 'basic';
}
