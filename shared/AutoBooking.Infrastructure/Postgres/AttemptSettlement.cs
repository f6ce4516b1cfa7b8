using AutoBooking.Core.Trips;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// How a reconciliation ends an attempt in the database: booked with the order (<see cref="ProviderOrderId"/>,
/// <see cref="BookingReference"/>, <see cref="TicketNumbers"/>), or not booked with <see cref="FailureCode"/>
/// and the trip moved to <see cref="TripTo"/> (null: leave the trip as it is).
/// </summary>
public sealed record AttemptSettlement(
    bool Booked, string? FailureCode, TripStatus? TripTo, string? ProviderOrderId, string? BookingReference, IReadOnlyList<string> TicketNumbers)
{
    public static AttemptSettlement AsBooked(string providerOrderId, string bookingReference, IReadOnlyList<string> ticketNumbers) =>
        new(true, null, TripStatus.Booked, providerOrderId, bookingReference, ticketNumbers);

    public static AttemptSettlement AsNotBooked(string failureCode, TripStatus? tripTo) => new(false, failureCode, tripTo, null, null, []);
}
