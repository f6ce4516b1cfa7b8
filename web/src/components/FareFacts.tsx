import type { OfferFacts } from '../api/types';
import { formatMoney } from '../lib/format';

type Condition = OfferFacts['refundBeforeDeparture'];

function describe(condition: Condition): string {
  if (!condition) {
    return 'the airline does not say';
  }
  if (!condition.allowed) {
    return 'not allowed';
  }
  return condition.penalty ? `allowed, penalty ${formatMoney(condition.penalty)}` : 'allowed';
}

/** What a fare includes and allows. */
export function FareFacts({ facts }: { facts: OfferFacts }) {
  return (
    <dl className="facts">
      <dt>Checked bags</dt>
      <dd>{facts.checkedBags ?? 0}</dd>
      <dt>Carry-on bags</dt>
      <dd>{facts.carryOnBags ?? 0}</dd>
      <dt>Refund before departure</dt>
      <dd>{describe(facts.refundBeforeDeparture)}</dd>
      <dt>Change before departure</dt>
      <dd>{describe(facts.changeBeforeDeparture)}</dd>
      {facts.documentsRequired && (
        <>
          <dt>Documents</dt>
          <dd>Every traveler needs a {(facts.allowedDocumentTypes ?? ['passport']).join(' or ').replace(/_/g, ' ')}</dd>
        </>
      )}
    </dl>
  );
}
