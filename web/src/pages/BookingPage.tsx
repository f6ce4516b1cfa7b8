import { Link, useParams } from 'react-router';
import { send } from '../api/client';
import { useApi } from '../auth/AuthContext';
import { Itinerary } from '../components/Itinerary';
import { Loaded } from '../components/Loaded';
import { Page } from '../components/Page';
import { useLoad } from '../lib/useLoad';

export function BookingPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const booking = useLoad(() => send(api.GET('/bookings/{id}', { params: { path: { id } } })), [api, id]);
  const tripId = booking.state.status === 'ready' ? booking.state.data.tripId : undefined;
  const trip = useLoad(
    () => (tripId ? send(api.GET('/trips/{id}', { params: { path: { id: tripId } } })) : Promise.resolve({ ok: false as const, problem: {} })),
    [api, tripId],
  );

  if (booking.state.status !== 'ready') {
    return (
      <Page title="Booking">
        <Loaded state={booking.state}>{() => null}</Loaded>
      </Page>
    );
  }
  const data = booking.state.data;
  return (
    <Page title={`Booking ${data.bookingReference ?? ''}`.trim()}>
      <Itinerary booking={data} trip={trip.state.status === 'ready' ? trip.state.data : undefined} />
      {tripId && (
        <p>
          <Link to={`/trips/${tripId}`}>Back to the trip</Link>
        </p>
      )}
    </Page>
  );
}
