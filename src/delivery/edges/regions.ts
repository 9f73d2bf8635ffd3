/**
 * Country → steering region. Steering prefers an edge in the client's country, then one in the same
 * region (a short, cheap network path: same continent, usually the same transit providers), then any.
 * Regions are coarse on purpose: the registry knows an edge's country, not its metro.
 */
const REGION_COUNTRIES: Record<string, readonly string[]> = {
  'north-america': ['US', 'CA', 'MX', 'PR'],
  'latam': ['AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'GT', 'HN', 'JM', 'NI', 'PA', 'PE', 'PY', 'SV', 'TT', 'UY', 'VE'],
  'eu-west': ['GB', 'IE', 'FR', 'BE', 'NL', 'LU', 'ES', 'PT', 'MC', 'AD'],
  'eu-central': ['DE', 'AT', 'CH', 'LI', 'PL', 'CZ', 'SK', 'HU', 'SI', 'IT', 'MT', 'SM', 'VA'],
  'eu-north': ['DK', 'NO', 'SE', 'FI', 'IS', 'EE', 'LV', 'LT'],
  'eu-east': ['RO', 'BG', 'GR', 'CY', 'HR', 'RS', 'BA', 'ME', 'MK', 'AL', 'XK', 'MD', 'UA', 'TR'],
  'middle-east': ['AE', 'SA', 'QA', 'KW', 'BH', 'OM', 'IL', 'JO', 'LB', 'IQ', 'EG'],
  'africa': ['ZA', 'NG', 'KE', 'GH', 'MA', 'TN', 'DZ', 'ET', 'TZ', 'UG', 'SN', 'CI', 'RW', 'MU'],
  'asia-south': ['IN', 'PK', 'BD', 'LK', 'NP'],
  'asia-east': ['JP', 'KR', 'TW', 'HK', 'MO', 'MN'],
  'asia-southeast': ['SG', 'MY', 'TH', 'VN', 'PH', 'ID', 'KH', 'LA', 'MM', 'BN'],
  'oceania': ['AU', 'NZ', 'FJ', 'PG'],
};

/** Built once from the table above so a country appears in exactly one region. */
const REGION_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(REGION_COUNTRIES).flatMap(([region, countries]) => countries.map((c) => [c, region] as const)),
);

/** The steering region of an ISO 3166-1 alpha-2 country (any case); undefined when the map does not know it. */
export function regionOf(country: string): string | undefined {
  return REGION_OF.get(country.toUpperCase());
}

/** Every region name, for docs and validation messages. */
export const REGIONS: readonly string[] = Object.keys(REGION_COUNTRIES);
