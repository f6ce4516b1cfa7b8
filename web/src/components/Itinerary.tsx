import type { Booking, Trip } from '../api/types';
import { formatDate, formatDateTime, formatMoney, humanize } from '../lib/format';
import { FareFacts } from './FareFacts';

/** The flight as the check that found the fare searched it (else the trip's criteria). */
function Flight({ trip }: { trip: Trip }) {
  const searched = trip.latestSearch?.searched;
  return (
    <>
      <dt>Route</dt>
      <dd>
        {searched?.origin ?? trip.origin} → {searched?.destination ?? trip.destination}
      </dd>
      <dt>Departure</dt>
      <dd>{formatDate(searched?.departureDate ?? trip.departureDate)}</dd>
      <dt>Return</dt>
      <dd>{searched?.returnDate ? formatDate(searched.returnDate) : trip.returnStay ? `after ${trip.returnStay.minNights}–${trip.returnStay.maxNights} nights` : 'One way'}</dd>
      <dt>Cabin</dt>
      <dd>{humanize(trip.cabin)}</dd>
    </>
  );
}

/** A booking: reference, tickets, amount, and the trip's route and dates when known. */
export function Itinerary({ booking, trip }: { booking: Booking; trip?: Trip }) {
  return (
    <>
      <dl className="facts">
        <dt>Booking reference</dt>
        <dd className="reference">{booking.bookingReference ?? '—'}</dd>
        <dt>Status</dt>
        <dd>{humanize(booking.status)}</dd>
        {trip && <Flight trip={trip} />}
        <dt>Amount paid</dt>
        <dd>{formatMoney(booking.amountPaid)}</dd>
        <dt>Booked</dt>
        <dd>{formatDateTime(booking.bookedAt)}</dd>
        <dt>Tickets</dt>
        <dd>{(booking.ticketNumbers ?? []).length > 0 ? (booking.ticketNumbers ?? []).join(', ') : 'Not issued yet'}</dd>
      </dl>
      {booking.fare && (
        <>
          <h3>Fare</h3>
          <FareFacts facts={booking.fare} />
        </>
      )}
    </>
  );
}
