import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { send } from '../api/client';
import { ifMatch, tripChangeOutcome } from '../api/concurrency';
import type { Trip } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { CriteriaFields } from '../components/CriteriaFields';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { StaleTripAlert } from '../components/StaleTripAlert';
import { criteriaFromTrip, criteriaPointers, criteriaToRequest } from '../lib/criteria';
import { useFormProblem } from '../lib/useFormProblem';
import { useLoad } from '../lib/useLoad';

export function EditTripPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const { state, reload } = useLoad(() => send(api.GET('/trips/{id}', { params: { path: { id } } })), [api, id]);

  return (
    <Page title="Edit trip">
      <Loaded state={state}>
        {(trip) => (
          // A reload (after a 412) remounts the form with the trip as it is now.
          <EditTripForm key={trip.version} trip={trip} etag={state.status === 'ready' ? state.response.headers.get('ETag') : null} onReload={reload} />
        )}
      </Loaded>
    </Page>
  );
}

function EditTripForm({ trip, etag, onReload }: { trip: Trip; etag: string | null; onReload: () => void }) {
  const api = useApi();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => criteriaFromTrip(trip));
  const [stale, setStale] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const { problem, view, setProblem } = useFormProblem(criteriaPointers);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    setProblem(null);
    setStale(false);
    const result = await send(
      api.PATCH('/trips/{id}', { params: { path: { id: trip.id ?? '' }, header: ifMatch(etag, trip.version) }, body: criteriaToRequest(draft) }),
    );
    setSubmitting(false);
    const outcome = tripChangeOutcome(result);
    if (outcome.kind === 'changed') {
      navigate(`/trips/${trip.id}`);
    } else if (outcome.kind === 'stale') {
      setStale(true);
    } else {
      setProblem(outcome.problem);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <p>
        Changing {trip.origin} → {trip.destination}. <Link to={`/trips/${trip.id}`}>Back to the trip</Link>
      </p>
      {stale && <StaleTripAlert onReload={onReload} />}
      {problem && <ErrorSummary problem={problem} view={view} />}
      <CriteriaFields draft={draft} errors={view.fieldErrors} onChange={(change) => setDraft((current) => ({ ...current, ...change }))} />
      <button type="submit" disabled={submitting}>
        Save changes
      </button>
    </form>
  );
}
