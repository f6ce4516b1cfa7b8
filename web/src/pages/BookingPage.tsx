import { Link, useParams } from 'react-router';
import { send } from '../api/client';
import type { Booking } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { Itinerary } from '../components/Itinerary';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { useLoad } from '../lib/useLoad';

export function BookingPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const { state } = useLoad(() => send(api.GET('/bookings/{id}', { params: { path: { id } } })), [api, id]);

  if (state.status !== 'ready') {
    return (
      <Page title="Booking">
        <Loaded state={state}>{() => null}</Loaded>
      </Page>
    );
  }
  return (
    <Page title={`Booking ${state.data.bookingReference ?? ''}`.trim()}>
      {state.data.tripId ? <BookingWithTrip booking={state.data} tripId={state.data.tripId} /> : <Itinerary booking={state.data} />}
    </Page>
  );
}

/** The booking with its trip's route and dates (the booking alone while the trip loads or if it cannot be read). */
function BookingWithTrip({ booking, tripId }: { booking: Booking; tripId: string }) {
  const api = useApi();
  const { state } = useLoad(() => send(api.GET('/trips/{id}', { params: { path: { id: tripId } } })), [api, tripId]);
  return (
    <>
      <Itinerary booking={booking} trip={state.status === 'ready' ? state.data : undefined} />
      <p>
        <Link to={`/trips/${tripId}`}>Back to the trip</Link>
      </p>
    </>
  );
}
