import { describe, expect, it } from 'vitest';
import { mapProblemToFields, pointerSegments, toProblem } from './problems';

const fields = ['/origin', '/maxPrice', '/maxPrice/amount', '/additionalOrigins', '/companions/0/givenName', '/a~1b'];

describe('pointerSegments', () => {
  it('splits and unescapes RFC 6901 pointers', () => {
    expect(pointerSegments('')).toEqual([]);
    expect(pointerSegments('/maxPrice/amount')).toEqual(['maxPrice', 'amount']);
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
  });
});

describe('mapProblemToFields', () => {
  it('gives each message to the field its pointer names', () => {
    const view = mapProblemToFields(
      { title: 'Validation failed', errors: { '/origin': ['Must be three capital letters.'], '/maxPrice/amount': ['Too many decimals.'] } },
      fields,
    );
    expect(view.fieldErrors).toEqual({ '/origin': ['Must be three capital letters.'], '/maxPrice/amount': ['Too many decimals.'] });
    expect(view.otherErrors).toEqual([]);
  });

  it('gives a pointer inside a field (an array item) to the closest field above it', () => {
    const view = mapProblemToFields({ errors: { '/additionalOrigins/1': ['Unknown airport.'], '/maxPrice/currency': ['Unknown currency.'] } }, fields);
    expect(view.fieldErrors).toEqual({ '/additionalOrigins': ['Unknown airport.'], '/maxPrice': ['Unknown currency.'] });
  });

  it('matches whole segments only, and escaped pointers', () => {
    const view = mapProblemToFields({ errors: { '/originals': ['x'], '/a~1b': ['y'], '/companions/0/givenName': ['z'] } }, fields);
    expect(view.fieldErrors).toEqual({ '/a~1b': ['y'], '/companions/0/givenName': ['z'] });
    expect(view.otherErrors).toEqual(['originals: x']);
  });

  it('puts the whole body, parameters, headers and unknown fields in the summary', () => {
    const view = mapProblemToFields(
      { errors: { '': ['Give exactly one of traveler or travelerId.'], 'Idempotency-Key': ['Too short.'], '/companions/1/email': ['Not an email.'] } },
      fields,
    );
    expect(view.fieldErrors).toEqual({});
    expect(view.otherErrors).toEqual(['Give exactly one of traveler or travelerId.', 'Idempotency-Key: Too short.', 'companions/1/email: Not an email.']);
  });

  it('uses the pointer of a malformed-json problem with its detail', () => {
    const view = mapProblemToFields({ title: 'Malformed JSON', detail: 'Expected a number.', pointer: '/maxPrice/amount' }, fields);
    expect(view.fieldErrors).toEqual({ '/maxPrice/amount': ['Expected a number.'] });
  });
});

describe('toProblem', () => {
  it('keeps a problem body and makes one up for anything else', () => {
    expect(toProblem({ title: 'Not found', status: 404 })).toEqual({ title: 'Not found', status: 404 });
    expect(toProblem('Bad gateway', new Response(null, { status: 502 }))).toEqual({
      title: 'The request failed (HTTP 502)',
      status: 502,
      detail: 'Bad gateway',
    });
  });
});
