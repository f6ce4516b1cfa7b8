namespace AutoBooking.Sandbox;

/// <summary>A Duffel offer request (one flight search) the sandbox answered: its slices and passengers as searched.</summary>
public sealed record LedgerOfferRequest(
    string Id,
    IReadOnlyList<LedgerSlice> Slices,
    IReadOnlyList<LedgerSearchPassenger> Passengers,
    string CabinClass,
    int? MaxConnections,
    int OfferCount,
    DateTimeOffset CreatedAt)
{
    public int PassengerCount => Passengers.Count;
}
