namespace AutoBooking.Sandbox;

/// <summary>
/// A schedule change the airline made to a sold order (see <see cref="Airline.ChangeSchedule"/>): the flights of
/// the changed slice before and after.
/// </summary>
public sealed record LedgerAirlineChange(
    string Id,
    string OrderId,
    string BookingReference,
    int SliceIndex,
    TimeSpan MovedBy,
    IReadOnlyList<LedgerSegment> Before,
    IReadOnlyList<LedgerSegment> After,
    DateTimeOffset CreatedAt);
