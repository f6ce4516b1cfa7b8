import type { Money, Trip, TripEvent } from '../api/types';

export interface PendingApproval {
  price: Money | null;
  /** The held fare's deadline; null when the fare could not be held (its price may change meanwhile). */
  heldUntil: string | null;
  priceGuaranteedUntil: string | null;
  /** When the booking stops waiting for the answer, when the request said. */
  answerBy: string | null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The fare awaiting the traveler's approval, if any: the trip's stage is approve_fare, and its details come from
 * the latest "approval_requested" event after the trip last went into booking. The held fare (trip.fareHold) wins over
 * the event's copy of the price and deadline.
 */
export function pendingApproval(trip: Trip, events: readonly TripEvent[]): PendingApproval | null {
  if (trip.status !== 'booking' || !trip.approvalRequired || trip.stage !== 'approve_fare') {
    return null;
  }
  const latest = (match: (event: TripEvent) => boolean) => [...events].reverse().find(match);
  const requested = latest((event) => event.kind === 'approval_requested');
  const enteredBooking = latest((event) => event.toStatus === 'booking');
  const current = requested && (!enteredBooking || (requested.id ?? 0) > (enteredBooking.id ?? 0)) ? requested : undefined;
  if (!current && !trip.fareHold) {
    return null;
  }
  const detail = record(current?.detail);
  const amount = typeof detail.amount === 'number' ? detail.amount : null;
  const currency = text(detail.currency);
  const timeout = typeof detail.timeoutSeconds === 'number' ? detail.timeoutSeconds : null;
  const answerBy = current?.occurredAt && timeout !== null ? new Date(Date.parse(current.occurredAt) + timeout * 1000).toISOString() : null;
  return {
    price: trip.fareHold?.price ?? (amount !== null && currency ? { amount, currency } : null),
    heldUntil: trip.fareHold?.heldUntil ?? text(detail.heldUntil),
    priceGuaranteedUntil: trip.fareHold?.priceGuaranteedUntil ?? text(detail.priceGuaranteedUntil),
    answerBy,
  };
}
