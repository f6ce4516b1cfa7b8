namespace AutoBooking.Core.Ports;

/// <summary>
/// An order (a bought ticket) as the flight provider reports it. <see cref="AttemptId"/> is the booking attempt
/// recorded in the order's metadata when we created it; null for orders made elsewhere. <see cref="Segments"/>:
/// every flight of every slice, in travel order, with the schedule the airline has now.
/// </summary>
public sealed record FlightOrder(
    string ProviderOrderId,
    string BookingReference,
    IReadOnlyList<string> TicketNumbers,
    Money.Money Total,
    Guid? AttemptId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<FlightSegment> Segments)
{
    public bool IsCancelled => CancelledAt is not null;
}
