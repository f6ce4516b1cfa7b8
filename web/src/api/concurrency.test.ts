import { describe, expect, it } from 'vitest';
import { ifMatch, tripChangeOutcome } from './concurrency';
import type { Trip } from './types';

const trip: Trip = { id: '7b0c8a0e-1f7a-4a57-9a38-2f1f1c3c9d11', status: 'paused', version: 4 };

describe('ifMatch', () => {
  it('sends the ETag read, or nothing when there was none', () => {
    expect(ifMatch('"3"')).toEqual({ 'If-Match': '"3"' });
    expect(ifMatch(null)).toEqual({});
  });

  it('builds it from the trip version when the ETag header cannot be read (cross-origin)', () => {
    expect(ifMatch(null, 4)).toEqual({ 'If-Match': '"4"' });
    expect(ifMatch(null, 0)).toEqual({ 'If-Match': '"0"' });
    expect(ifMatch('"5"', 4)).toEqual({ 'If-Match': '"5"' });
  });
});

describe('tripChangeOutcome', () => {
  it('takes the new ETag from the response', () => {
    const response = new Response(null, { status: 200, headers: { ETag: '"4"' } });
    expect(tripChangeOutcome({ ok: true, data: trip, response })).toEqual({ kind: 'changed', trip, etag: '"4"' });
  });

  it('has no ETag when the response carried none', () => {
    const response = new Response(null, { status: 200 });
    expect(tripChangeOutcome({ ok: true, data: trip, response })).toEqual({ kind: 'changed', trip, etag: null });
  });

  it('reads 412 as a stale trip', () => {
    const response = new Response(null, { status: 412 });
    expect(tripChangeOutcome({ ok: false, problem: { title: 'Version mismatch', status: 412 }, response })).toEqual({ kind: 'stale' });
  });

  it('passes any other refusal on as its problem', () => {
    const problem = { title: 'Illegal transition', status: 409, currentStatus: 'booking' };
    expect(tripChangeOutcome({ ok: false, problem, response: new Response(null, { status: 409 }) })).toEqual({ kind: 'refused', problem });
    expect(tripChangeOutcome({ ok: false, problem: { title: 'Offline' } })).toEqual({ kind: 'refused', problem: { title: 'Offline' } });
  });
});
