import type { AttemptFacts as Facts } from '../api/types';
import { formatAmount, formatDateTime, humanize } from '../lib/format';

/** A booking attempt's facts for operators (no personal data). */
export function AttemptFacts({ attempt }: { attempt: Facts }) {
  return (
    <dl className="facts">
      <dt>Attempt id</dt>
      <dd>{attempt.attemptId}</dd>
      <dt>Trip id</dt>
      <dd>{attempt.tripId}</dd>
      <dt>Attempt number</dt>
      <dd>{attempt.attemptNo}</dd>
      <dt>Status</dt>
      <dd>{humanize(attempt.status)}</dd>
      <dt>Failure code</dt>
      <dd>{attempt.failureCode ?? '—'}</dd>
      <dt>Amount</dt>
      <dd>{attempt.amount !== undefined && attempt.currency ? formatAmount(attempt.amount, attempt.currency) : '—'}</dd>
      <dt>PaymentIntent</dt>
      <dd>{attempt.paymentIntentId ?? '—'}</dd>
      <dt>Duffel order</dt>
      <dd>{attempt.providerOrderId ?? '—'}</dd>
      <dt>Hold age</dt>
      <dd>{attempt.holdAgeHours !== undefined ? `${attempt.holdAgeHours.toFixed(1)} hours` : '—'}</dd>
      <dt>Hold escalated</dt>
      <dd>{formatDateTime(attempt.holdEscalatedAt)}</dd>
      <dt>Last reconciled</dt>
      <dd>
        {formatDateTime(attempt.reconciledAt)} ({attempt.reconcilePasses ?? 0} passes)
      </dd>
      <dt>Updated</dt>
      <dd>{formatDateTime(attempt.updatedAt)}</dd>
    </dl>
  );
}
