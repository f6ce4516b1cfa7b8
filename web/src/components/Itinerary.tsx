import type { Booking, FlightSegment, Trip } from '../api/types';
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

/** Local airport times as written (no time zone: each is the local time of its airport). */
function localTime(value: string) {
  return value.replace('T', ' ').slice(0, 16);
}

/** The flights as booked, in travel order. */
function Flights({ segments }: { segments: FlightSegment[] }) {
  return (
    <table>
      <caption>Flights (local times)</caption>
      <thead>
        <tr>
          <th scope="col">Flight</th>
          <th scope="col">From</th>
          <th scope="col">Departs</th>
          <th scope="col">To</th>
          <th scope="col">Arrives</th>
        </tr>
      </thead>
      <tbody>
        {segments.map((segment, index) => (
          <tr key={`${segment.carrier}${segment.flightNumber}-${index}`}>
            <td>
              {segment.carrier} {segment.flightNumber}
            </td>
            <td>{segment.origin}</td>
            <td>{localTime(segment.departingAtLocal)}</td>
            <td>{segment.destination}</td>
            <td>{localTime(segment.arrivingAtLocal)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A booking: reference, tickets, amount, the flights as booked, else the trip's route and dates when known. */
export function Itinerary({ booking, trip }: { booking: Booking; trip?: Trip }) {
  return (
    <>
      <dl className="facts">
        <dt>Booking reference</dt>
        <dd className="reference">{booking.bookingReference ?? '—'}</dd>
        <dt>Status</dt>
        <dd>{humanize(booking.status)}</dd>
        {trip && !booking.itinerary?.length && <Flight trip={trip} />}
        <dt>Amount paid</dt>
        <dd>{formatMoney(booking.amountPaid)}</dd>
        <dt>Booked</dt>
        <dd>{formatDateTime(booking.bookedAt)}</dd>
        <dt>Tickets</dt>
        <dd>{(booking.ticketNumbers ?? []).length > 0 ? (booking.ticketNumbers ?? []).join(', ') : 'Not issued yet'}</dd>
      </dl>
      {booking.itinerary && booking.itinerary.length > 0 && <Flights segments={booking.itinerary} />}
      {booking.fare && (
        <>
          <h3>Fare</h3>
          <FareFacts facts={booking.fare} />
        </>
      )}
    </>
  );
}
