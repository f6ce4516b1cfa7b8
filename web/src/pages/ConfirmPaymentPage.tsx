import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { send } from '../api/client';
import { useApi, useAuth } from '../auth/AuthContext';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { formatDateTime, formatMoney } from '../lib/format';
import { loadConfiguredStripe } from '../lib/stripe';
import { useLoad } from '../lib/useLoad';

type Outcome = { kind: 'confirmed' } | { kind: 'failed'; message: string };

/** 3-D Secure on-session: Stripe.js confirms the booking's PaymentIntent with its client secret. */
export function ConfirmPaymentPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const { config } = useAuth();
  const { state } = useLoad(() => send(api.GET('/trips/{id}/payment-action', { params: { path: { id } } })), [api, id]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function confirm(clientSecret: string) {
    setBusy(true);
    setOutcome(null);
    try {
      const stripe = await loadConfiguredStripe(config);
      if (!stripe) {
        throw new Error('Stripe.js is not available.');
      }
      const result = await stripe.confirmCardPayment(clientSecret);
      setOutcome(result.error ? { kind: 'failed', message: result.error.message ?? 'The payment was not confirmed.' } : { kind: 'confirmed' });
    } catch (error) {
      setOutcome({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Confirm your payment">
      <Loaded state={state}>
        {(action) => (
          <>
            <p>Your bank wants you to confirm this payment before we book your flight.</p>
            <dl className="facts">
              <dt>Amount</dt>
              <dd>{formatMoney(action.amount)}</dd>
              <dt>Respond by</dt>
              <dd>{formatDateTime(action.respondBy)}</dd>
            </dl>
            {outcome?.kind === 'confirmed' ? (
              <p className="alert" role="status">
                Payment confirmed
              </p>
            ) : (
              <>
                {outcome?.kind === 'failed' && (
                  <div className="alert alert-error" role="alert">
                    <p className="alert-title">The payment was not confirmed</p>
                    <p>{outcome.message}</p>
                  </div>
                )}
                <button type="button" disabled={busy} onClick={() => void confirm(action.clientSecret)}>
                  Confirm payment
                </button>
              </>
            )}
          </>
        )}
      </Loaded>
      <p>
        <Link to={`/trips/${id}`}>Back to the trip</Link>
      </p>
    </Page>
  );
}
