import type { ApiResult } from './client';
import type { Problem, Trip } from './types';

export const STALE_TRIP_MESSAGE = 'This trip changed since you opened it';

/** The If-Match header for a trip change: the ETag read with the trip, when there is one. */
export function ifMatch(etag: string | null): { 'If-Match'?: string } {
  return etag ? { 'If-Match': etag } : {};
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
