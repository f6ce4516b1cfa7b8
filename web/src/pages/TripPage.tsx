import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { send } from '../api/client';
import { ifMatch, tripChangeOutcome } from '../api/concurrency';
import type { Problem, PriceObservation, Trip, TripEvent } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { FareFacts } from '../components/FareFacts';
import { Itinerary } from '../components/Itinerary';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { PriceChart } from '../components/PriceChart';
import { ProblemAlert } from '../components/ProblemAlert';
import { StaleTripAlert } from '../components/StaleTripAlert';
import { pendingApproval, type PendingApproval } from '../lib/approval';
import { actorLabel, formatAmount, formatDate, formatDateTime, formatMoney, humanize } from '../lib/format';
import { priceChartData } from '../lib/priceChart';
import { canEdit, commandsFor, describeStage, type TripCommand } from '../lib/tripStatus';
import { useLoad } from '../lib/useLoad';

export function TripPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const path = { params: { path: { id } } };
  const trip = useLoad(() => send(api.GET('/trips/{id}', path)), [api, id]);
  const events = useLoad(() => send(api.GET('/trips/{id}/events', path)), [api, id]);
  const prices = useLoad(() => send(api.GET('/trips/{id}/prices', path)), [api, id]);
  const reload = () => {
    trip.reload();
    events.reload();
    prices.reload();
  };

  if (trip.state.status !== 'ready') {
    return (
      <Page title="Trip">
        <Loaded state={trip.state}>{() => null}</Loaded>
      </Page>
    );
  }
  const current = trip.state.data;
  const etag = trip.state.response.headers.get('ETag');
  const eventList = events.state.status === 'ready' ? events.state.data : [];

  return (
    <Page title={`${current.origin} → ${current.destination}`}>
      <TripStatusLine trip={current} />
      <TripActions trip={current} etag={etag} onChanged={reload} />
      {current.stage === 'confirm_payment' && (
        <section aria-labelledby="payment-heading">
          <h2 id="payment-heading">Payment</h2>
          <p>Your bank wants you to confirm this payment before we can book.</p>
          <Link className="button" to={`/trips/${id}/confirm-payment`}>
            Confirm your payment
          </Link>
        </section>
      )}
      <ApprovalSection tripId={id} approval={pendingApproval(current, eventList)} onAnswered={reload} />
      {current.booking && (
        <section aria-labelledby="booking-heading">
          <h2 id="booking-heading">Booking</h2>
          <Itinerary booking={current.booking} trip={current} />
          <p>
            <Link to={`/bookings/${current.booking.id}`}>View booking {current.booking.bookingReference}</Link>
          </p>
        </section>
      )}
      <LatestCheck trip={current} />
      <section aria-labelledby="prices-heading">
        <h2 id="prices-heading">Price history</h2>
        <Loaded state={prices.state}>{(observations) => <PriceHistory observations={observations} trip={current} />}</Loaded>
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <Loaded state={events.state}>{(list) => <Timeline events={list} />}</Loaded>
      </section>
    </Page>
  );
}

function TripStatusLine({ trip }: { trip: Trip }) {
  return (
    <div className="trip-summary">
      <p className="status">
        Status: <strong>{humanize(trip.status)}</strong>. {describeStage(trip.stage)}
      </p>
      <dl className="facts">
        <dt>Departure</dt>
        <dd>
          {formatDate(trip.departureDate)}
          {trip.latestDepartureDate && trip.latestDepartureDate !== trip.departureDate && ` to ${formatDate(trip.latestDepartureDate)}`}
        </dd>
        <dt>Return</dt>
        <dd>{trip.returnStay ? `after ${trip.returnStay.minNights}–${trip.returnStay.maxNights} nights` : 'One way'}</dd>
        <dt>Maximum price</dt>
        <dd>{formatMoney(trip.maxPrice)}</dd>
        <dt>Best price so far</dt>
        <dd>{formatMoney(trip.bestPriceSoFar)}</dd>
        {trip.nextCheckAt && (
          <>
            <dt>Next check</dt>
            <dd>{formatDateTime(trip.nextCheckAt)}</dd>
          </>
        )}
      </dl>
      {trip.travelDocuments?.warning && <p className="alert alert-warning">{trip.travelDocuments.warning}</p>}
    </div>
  );
}

const commandLabels: Record<TripCommand, string> = { pause: 'Pause', resume: 'Resume', cancel: 'Cancel trip' };

function TripActions({ trip, etag, onChanged }: { trip: Trip; etag: string | null; onChanged: () => void }) {
  const api = useApi();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const commands = commandsFor(trip.status);

  async function run(command: TripCommand) {
    setBusy(true);
    setProblem(null);
    const options = { params: { path: { id: trip.id ?? '' }, header: ifMatch(etag, trip.version) } };
    const call =
      command === 'pause'
        ? api.POST('/trips/{id}/pause', options)
        : command === 'resume'
          ? api.POST('/trips/{id}/resume', options)
          : api.POST('/trips/{id}/cancel', options);
    const outcome = tripChangeOutcome(await send(call));
    setBusy(false);
    if (outcome.kind === 'stale') {
      setStale(true);
    } else if (outcome.kind === 'refused') {
      setProblem(outcome.problem);
    } else {
      onChanged();
    }
  }

  if (commands.length === 0 && !canEdit(trip.status)) {
    return null;
  }
  return (
    <div className="actions">
      {stale && (
        <StaleTripAlert
          onReload={() => {
            setStale(false);
            onChanged();
          }}
        />
      )}
      {problem && <ProblemAlert problem={problem} />}
      <div className="button-row">
        {commands
          .filter((command) => command !== 'cancel')
          .map((command) => (
            <button key={command} type="button" disabled={busy} onClick={() => void run(command)}>
              {commandLabels[command]}
            </button>
          ))}
        {canEdit(trip.status) && (
          <button type="button" className="secondary" onClick={() => navigate(`/trips/${trip.id}/edit`)}>
            Edit
          </button>
        )}
        {commands.includes('cancel') && (
          <button type="button" className="danger" disabled={busy} onClick={() => void run('cancel')}>
            {commandLabels.cancel}
          </button>
        )}
      </div>
    </div>
  );
}

function ApprovalSection({ tripId, approval, onAnswered }: { tripId: string; approval: PendingApproval | null; onAnswered: () => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [answered, setAnswered] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  if (!approval && !answered) {
    return null;
  }

  async function answer(approve: boolean) {
    setBusy(true);
    setProblem(null);
    const result = await send(api.POST('/trips/{id}/approval', { params: { path: { id: tripId } }, body: { approve } }));
    setBusy(false);
    if (result.ok) {
      setAnswered(approve ? 'Approved: we are buying this fare now.' : 'Declined: we keep watching for another fare.');
      onAnswered();
    } else {
      setProblem(result.problem);
    }
  }

  return (
    <section aria-labelledby="approval-heading">
      <h2 id="approval-heading">Approval</h2>
      {answered ? (
        <p role="status">{answered}</p>
      ) : (
        approval && (
          <>
            <p>A fare meets your criteria and waits for your approval.</p>
            <dl className="facts">
              <dt>Price</dt>
              <dd>{formatMoney(approval.price)}</dd>
              <dt>Held until</dt>
              <dd>{approval.heldUntil ? formatDateTime(approval.heldUntil) : 'Not held: the price may change'}</dd>
              {approval.priceGuaranteedUntil && (
                <>
                  <dt>Price guaranteed until</dt>
                  <dd>{formatDateTime(approval.priceGuaranteedUntil)}</dd>
                </>
              )}
              {approval.answerBy && (
                <>
                  <dt>Answer by</dt>
                  <dd>{formatDateTime(approval.answerBy)}</dd>
                </>
              )}
            </dl>
            {problem && <ProblemAlert problem={problem} />}
            <div className="button-row">
              <button type="button" disabled={busy} onClick={() => void answer(true)}>
                Approve
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => void answer(false)}>
                Decline
              </button>
            </div>
          </>
        )
      )}
    </section>
  );
}

function LatestCheck({ trip }: { trip: Trip }) {
  const search = trip.latestSearch;
  const currency = trip.maxPrice?.currency ?? '';
  return (
    <section aria-labelledby="check-heading">
      <h2 id="check-heading">Latest check</h2>
      {!search ? (
        <p>No check yet: the first search runs shortly.</p>
      ) : (
        <>
          <p className="verdict">
            {search.chosen !== null && search.chosen !== undefined
              ? `A fare meets your criteria: ${formatAmount(search.chosen, currency)}.`
              : 'No fare meets your criteria yet.'}
          </p>
          {search.why && <p className="explanation">{search.why}</p>}
          <dl className="facts">
            {search.searched && (
              <>
                <dt>Searched</dt>
                <dd>
                  {search.searched.origin} → {search.searched.destination} on {formatDate(search.searched.departureDate)}
                  {search.searched.returnDate && `, back ${formatDate(search.searched.returnDate)}`}
                </dd>
              </>
            )}
            <dt>Offers found</dt>
            <dd>{search.offers ?? 0}</dd>
            <dt>Within your criteria</dt>
            <dd>{search.qualifying ?? 0}</dd>
            <dt>Cheapest overall</dt>
            <dd>{search.bestOverall !== null && search.bestOverall !== undefined ? formatAmount(search.bestOverall, currency) : '—'}</dd>
          </dl>
          {search.chosenFacts && (
            <>
              <h3>The chosen fare</h3>
              <FareFacts facts={search.chosenFacts} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function PriceHistory({ observations, trip }: { observations: PriceObservation[]; trip: Trip }) {
  if (observations.length === 0 || !trip.maxPrice) {
    return <p>No prices yet.</p>;
  }
  const data = priceChartData(observations, trip.maxPrice, formatDateTime);
  const price = (value: number | null) => (value === null ? 'none' : formatAmount(value, data.currency));
  return (
    <>
      <PriceChart data={data} />
      <table className="visually-hidden">
        <caption>Price history (your maximum price is {formatMoney(trip.maxPrice)})</caption>
        <thead>
          <tr>
            <th scope="col">Checked</th>
            <th scope="col">Best qualifying price</th>
            <th scope="col">Best price overall</th>
          </tr>
        </thead>
        <tbody>
          {data.labels.map((label, index) => (
            <tr key={`${label}-${index}`}>
              <th scope="row">{label}</th>
              <td>{price(data.bestQualifying[index] ?? null)}</td>
              <td>{price(data.bestOverall[index] ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Timeline({ events }: { events: TripEvent[] }) {
  if (events.length === 0) {
    return <p>Nothing has happened yet.</p>;
  }
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>{' '}
          <strong>{humanize(event.kind)}</strong>
          {event.fromStatus && event.toStatus && ` (${humanize(event.fromStatus)} → ${humanize(event.toStatus)})`}
          {event.actor && <span className="muted"> by {actorLabel(event.actor)}</span>}
        </li>
      ))}
    </ol>
  );
}
