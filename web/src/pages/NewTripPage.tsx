import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { newIdempotencyKey, send } from '../api/client';
import type { CreateTripRequest, PaymentMethod, Traveler } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { CriteriaFields } from '../components/CriteriaFields';
import { ErrorSummary } from '../components/ErrorSummary';
import { CheckboxField, FieldGroup, SelectField, TextField } from '../components/fields';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { PersonFields } from '../components/PersonFields';
import { companionFields, emptyCompanion, type Companion } from '../lib/companions';
import { criteriaPointers, criteriaToRequest, emptyCriteria, type CriteriaDraft } from '../lib/criteria';
import { useFormProblem } from '../lib/useFormProblem';
import { useLoad } from '../lib/useLoad';

/** The version of the automatic-booking terms the consent checkbox agrees to. */
export const AUTO_BOOK_TERMS_VERSION = '2026-11';

export function NewTripPage() {
  const api = useApi();
  const travelers = useLoad(() => send(api.GET('/travelers', { params: { query: { limit: 100 } } })), [api]);
  const cards = useLoad(() => send(api.GET('/payment-methods', { params: { query: { limit: 100 } } })), [api]);

  return (
    <Page title="New trip">
      <Loaded state={travelers.state}>
        {(travelerPage) => (
          <Loaded state={cards.state}>
            {(cardPage) => <NewTripForm travelers={travelerPage.items ?? []} cards={cardPage.items ?? []} />}
          </Loaded>
        )}
      </Loaded>
    </Page>
  );
}

function cardLabel(card: PaymentMethod): string {
  const expiry = card.expMonth && card.expYear ? ` (expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear})` : '';
  return `${card.brand ?? 'Card'} ending ${card.last4 ?? '????'}${expiry}`;
}

function NewTripForm({ travelers, cards }: { travelers: Traveler[]; cards: PaymentMethod[] }) {
  const api = useApi();
  const navigate = useNavigate();
  const [criteria, setCriteria] = useState<CriteriaDraft>(emptyCriteria);
  const [travelerIds, setTravelerIds] = useState<string[]>([]);
  const [companions, setCompanions] = useState<Companion[]>([]);
  const [paymentMethodId, setPaymentMethodId] = useState(cards[0]?.id ?? '');
  const [approvalRequired, setApprovalRequired] = useState(false);
  const [expiresAt, setExpiresAt] = useState('');
  const [consent, setConsent] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);

  const pointers = useMemo(
    () => [
      ...criteriaPointers,
      '/travelerId',
      '/traveler',
      '/companionIds',
      '/companions',
      ...companions.flatMap((_, index) => companionFields.map((field) => `/companions/${index}/${field}`)),
      ...(cards.length > 0 ? ['/paymentMethodId'] : []),
      '/approvalRequired',
      '/expiresAt',
      '/autoBookConsent',
    ],
    [companions, cards.length],
  );
  const { problem, view, setProblem } = useFormProblem(pointers);
  const errors = view.fieldErrors;
  // The saved travelers are one group of checkboxes: the lead traveler's and the companions' messages show there.
  const travelerErrors = {
    '/travelerId': [...(errors['/travelerId'] ?? []), ...(errors['/traveler'] ?? []), ...(errors['/companionIds'] ?? [])],
  };

  const toggleTraveler = (id: string, selected: boolean) =>
    setTravelerIds((ids) => (selected ? travelers.map((t) => t.id ?? '').filter((t) => t === id || ids.includes(t)) : ids.filter((t) => t !== id)));

  const updateCompanion = (index: number, change: Partial<Companion>) =>
    setCompanions((list) => list.map((companion, i) => (i === index ? { ...companion, ...change } : companion)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    const [lead, ...others] = travelerIds;
    const body: Omit<CreateTripRequest, 'autoBookConsent'> & Partial<Pick<CreateTripRequest, 'autoBookConsent'>> = {
      ...criteriaToRequest(criteria),
      travelerId: lead,
      companionIds: others.length > 0 ? others : undefined,
      companions: companions.length > 0 ? companions : undefined,
      paymentMethodId: paymentMethodId || undefined,
      approvalRequired,
      expiresAt: expiresAt ? new Date(expiresAt).toISOString() : undefined,
      autoBookConsent: consent ? { termsVersion: AUTO_BOOK_TERMS_VERSION } : undefined,
    };
    // Without consent the request is sent as it is: the API's validation names the missing field.
    const result = await send(api.POST('/trips', { body: body as CreateTripRequest, params: { header: { 'Idempotency-Key': idempotencyKey } } }));
    setSubmitting(false);
    if (result.ok) {
      navigate(`/trips/${result.data.id}`);
    } else {
      setProblem(result.problem);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-describedby="new-trip-intro">
      <p id="new-trip-intro">Tell us what to watch for. We book the first fare that meets every criterion.</p>
      {problem && <ErrorSummary problem={problem} view={view} />}

      <CriteriaFields draft={criteria} errors={errors} onChange={(change) => setCriteria((draft) => ({ ...draft, ...change }))} />

      <FieldGroup
        legend="Travelers"
        hint="Tick who flies. The first ticked is the lead traveler and must be an adult."
        pointer="/travelerId"
        errors={travelerErrors}
      >
        {travelers.length === 0 ? (
          <p>
            You have no saved travelers yet. <Link to="/travelers">Add a traveler</Link> first.
          </p>
        ) : (
          travelers.map((traveler) => (
            <div className="field field-checkbox" key={traveler.id}>
              <input
                type="checkbox"
                id={`traveler-${traveler.id}`}
                checked={travelerIds.includes(traveler.id ?? '')}
                onChange={(event) => toggleTraveler(traveler.id ?? '', event.target.checked)}
              />
              <label htmlFor={`traveler-${traveler.id}`}>
                {traveler.givenName} {traveler.familyName}
              </label>
            </div>
          ))
        )}
      </FieldGroup>

      <FieldGroup legend="Companions" hint="Other people flying who are not saved travelers (up to 8)." pointer="/companions" errors={errors}>
        {companions.map((companion, index) => (
          <fieldset className="group nested" key={index}>
            <legend>Companion {index + 1}</legend>
            <PersonFields person={companion} pointer={`/companions/${index}`} errors={errors} onChange={(change) => updateCompanion(index, change)} />
            <button type="button" className="secondary" onClick={() => setCompanions((list) => list.filter((_, i) => i !== index))}>
              Remove companion {index + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={() => setCompanions((list) => [...list, { ...emptyCompanion }])}>
          Add a companion
        </button>
      </FieldGroup>

      <FieldGroup legend="Booking" pointer="/booking" errors={errors}>
        {cards.length === 0 ? (
          <p>
            You have no saved card yet. <Link to="/cards">Add a card</Link> first.
          </p>
        ) : (
          <SelectField
            label="Card"
            pointer="/paymentMethodId"
            errors={errors}
            value={paymentMethodId}
            onChange={setPaymentMethodId}
            options={cards.map((card) => ({ value: card.id ?? '', label: cardLabel(card) }))}
          />
        )}
        <CheckboxField
          label="Ask me to approve each purchase"
          hint="We hold the fare and email you; nothing is bought until you approve."
          pointer="/approvalRequired"
          errors={errors}
          checked={approvalRequired}
          onChange={setApprovalRequired}
        />
        <TextField
          type="datetime-local"
          label="Stop watching at"
          hint="Optional; no later than the departure date."
          pointer="/expiresAt"
          errors={errors}
          value={expiresAt}
          onChange={setExpiresAt}
        />
        <CheckboxField
          label="I agree that AutoBooking books and pays for a fare that meets these criteria"
          hint={`Automatic booking terms, version ${AUTO_BOOK_TERMS_VERSION}.`}
          pointer="/autoBookConsent"
          errors={errors}
          checked={consent}
          onChange={setConsent}
        />
      </FieldGroup>

      <button type="submit" disabled={submitting}>
        Create trip
      </button>
    </form>
  );
}
