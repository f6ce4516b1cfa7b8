import { describe, expect, it } from 'vitest';
import type { Trip, TripEvent } from '../api/types';
import { pendingApproval } from './approval';

const booking: Trip = { status: 'booking', approvalRequired: true };
const entered: TripEvent = { id: 1, kind: 'status_changed', fromStatus: 'watching', toStatus: 'booking', occurredAt: '2026-12-01T10:00:00Z' };
const requested: TripEvent = {
  id: 2,
  kind: 'approval_requested',
  occurredAt: '2026-12-01T10:00:00Z',
  detail: { amount: 420, currency: 'GBP', timeoutSeconds: 3600, heldUntil: null },
};

describe('pendingApproval', () => {
  it('reads the request of the current booking', () => {
    expect(pendingApproval(booking, [entered, requested])).toEqual({
      price: { amount: 420, currency: 'GBP' },
      heldUntil: null,
      priceGuaranteedUntil: null,
      answerBy: '2026-12-01T11:00:00.000Z',
    });
  });

  it('ignores a request of an earlier booking', () => {
    expect(pendingApproval(booking, [requested, { ...entered, id: 3 }])).toBeNull();
  });

  it('prefers the held fare', () => {
    const held: Trip = { ...booking, fareHold: { heldUntil: '2026-12-04T10:00:00Z', priceGuaranteed: true, priceGuaranteedUntil: null, price: { amount: 415, currency: 'GBP' } } };
    expect(pendingApproval(held, [entered, requested])).toMatchObject({ price: { amount: 415, currency: 'GBP' }, heldUntil: '2026-12-04T10:00:00Z' });
  });

  it('is nothing outside approval mode or while not booking', () => {
    expect(pendingApproval({ ...booking, approvalRequired: false }, [entered, requested])).toBeNull();
    expect(pendingApproval({ ...booking, status: 'watching' }, [entered, requested])).toBeNull();
  });
});
