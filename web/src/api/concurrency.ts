import type { ApiResult } from './client';
import type { Problem, Trip } from './types';

export const STALE_TRIP_MESSAGE = 'This trip changed since you opened it';

/**
 * The If-Match header for a trip change: the ETag read with the trip, or, when the browser cannot read it (a
 * cross-origin API whose CORS does not expose ETag, like the Function App's platform CORS), the same value built
 * from the trip's version (the API's ETag is the version in quotes). Nothing only when neither is known.
 */
export function ifMatch(etag: string | null, version?: number | null): { 'If-Match'?: string } {
  if (etag) {
    return { 'If-Match': etag };
  }
  return typeof version === 'number' ? { 'If-Match': `"${version}"` } : {};
}

export type TripChangeOutcome =
  | { kind: 'changed'; trip: Trip; etag: string | null }
  | { kind: 'stale' }
  | { kind: 'refused'; problem: Problem };

/**
 * What a trip change answered: the trip with its new ETag (null when the response carried none: read the trip
 * again before the next change), "stale" for 412 (someone changed the trip since it was read), or the problem.
 */
export function tripChangeOutcome(result: ApiResult<Trip>): TripChangeOutcome {
  if (result.ok) {
    return { kind: 'changed', trip: result.data, etag: result.response.headers.get('ETag') };
  }
  if (result.response?.status === 412) {
    return { kind: 'stale' };
  }
  return { kind: 'refused', problem: result.problem };
}
