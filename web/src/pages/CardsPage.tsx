import type { Stripe, StripeCardElement } from '@stripe/stripe-js';
import { useEffect, useRef, useState } from 'react';
import { newIdempotencyKey, send } from '../api/client';
import type { PaymentMethod, Problem } from '../api/types';
import { useApi, useAuth } from '../auth/AuthContext';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { loadConfiguredStripe } from '../lib/stripe';
import { useLoad } from '../lib/useLoad';

/** How long the page waits for the webhook to store a confirmed card. */
const POLL_INTERVAL_MS = 1000;
const POLL_ATTEMPTS = 20;

export function CardsPage() {
  const api = useApi();
  const { state, reload } = useLoad(() => send(api.GET('/payment-methods', { params: { query: { limit: 100 } } })), [api]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [waitingFor, setWaitingFor] = useState<number | null>(null);
  const cards = state.status === 'ready' ? (state.data.items ?? []) : [];

  // A confirmed card is stored when Stripe's webhook arrives: re-read the list until it shows (briefly).
  useEffect(() => {
    if (waitingFor === null) {
      return;
    }
    if (cards.length > waitingFor) {
      setWaitingFor(null);
      return;
    }
    let attempts = 0;
    const timer = window.setInterval(() => {
      attempts += 1;
      reload();
      if (attempts >= POLL_ATTEMPTS) {
        window.clearInterval(timer);
        setWaitingFor(null);
      }
    }, POLL_INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [waitingFor, cards.length, reload]);

  async function remove(card: PaymentMethod) {
    setProblem(null);
    const result = await send(api.DELETE('/payment-methods/{id}', { params: { path: { id: card.id ?? '' } } }));
    if (result.ok) {
      reload();
    } else {
      setProblem(result.problem);
    }
  }

  return (
    <Page title="Cards">
      <p>Your saved cards. We hold money on a card only when a fare meets your criteria.</p>
      {problem && <ProblemAlert problem={problem} />}
      <Loaded state={state}>
        {(page) =>
          (page.items ?? []).length === 0 ? (
            <p>No saved cards yet.</p>
          ) : (
            <ul className="cards">
              {(page.items ?? []).map((card) => (
                <li key={card.id}>
                  <span>
                    {card.brand} ending {card.last4}
                    {card.expMonth && card.expYear && `, expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear}`}
                  </span>{' '}
                  <button type="button" className="secondary" onClick={() => void remove(card)}>
                    Remove<span className="visually-hidden"> {card.brand} ending {card.last4}</span>
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {waitingFor !== null && <p role="status">Saving your card…</p>}
      <AddCard onSaved={() => setWaitingFor(cards.length)} />
    </Page>
  );
}

type Setup = { clientSecret: string; stripe: Stripe };

function AddCard({ onSaved }: { onSaved: () => void }) {
  const api = useApi();
  const { config } = useAuth();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setProblem(null);
    const result = await send(api.POST('/payment-methods/setup-intents', { params: { header: { 'Idempotency-Key': newIdempotencyKey() } } }));
    if (!result.ok) {
      setProblem(result.problem);
      setBusy(false);
      return;
    }
    try {
      const stripe = await loadConfiguredStripe(config);
      if (!stripe || !result.data.clientSecret) {
        throw new Error('Stripe.js is not available.');
      }
      setSetup({ clientSecret: result.data.clientSecret, stripe });
    } catch (error) {
      setProblem({ title: 'The card form could not be shown', detail: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  if (!setup) {
    return (
      <section aria-labelledby="add-card-heading">
        <h2 id="add-card-heading">New card</h2>
        {problem && <ProblemAlert problem={problem} />}
        <button type="button" disabled={busy} onClick={() => void start()}>
          Add a card
        </button>
      </section>
    );
  }
  return (
    <CardForm
      setup={setup}
      onSaved={() => {
        setSetup(null);
        onSaved();
      }}
    />
  );
}

/** Stripe's card element, and "Save card" confirming the SetupIntent with it. */
function CardForm({ setup, onSaved }: { setup: Setup; onSaved: () => void }) {
  const container = useRef<HTMLDivElement>(null);
  const card = useRef<StripeCardElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!container.current) {
      return;
    }
    const element = setup.stripe.elements().create('card');
    element.mount(container.current);
    element.on('change', (event) => setError(event.error?.message ?? null));
    card.current = element;
    return () => {
      element.destroy();
      card.current = null;
    };
  }, [setup]);

  async function save() {
    if (!card.current) {
      return;
    }
    setBusy(true);
    setError(null);
    const result = await setup.stripe.confirmCardSetup(setup.clientSecret, { payment_method: { card: card.current } });
    setBusy(false);
    if (result.error) {
      setError(result.error.message ?? 'The card was not saved.');
    } else {
      onSaved();
    }
  }

  return (
    <section aria-labelledby="add-card-heading">
      <h2 id="add-card-heading">New card</h2>
      <div className="card-element" ref={container} role="group" aria-label="Card details" />
      {error && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">The card was not saved</p>
          <p>{error}</p>
        </div>
      )}
      <div className="button-row">
        <button type="button" disabled={busy} onClick={() => void save()}>
          Save card
        </button>
      </div>
    </section>
  );
}
