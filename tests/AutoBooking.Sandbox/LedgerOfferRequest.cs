namespace AutoBooking.Sandbox;

/// <summary>A Duffel offer request (one flight search) the sandbox answered.</summary>
public sealed record LedgerOfferRequest(
    string Id,
    IReadOnlyList<LedgerSlice> Slices,
    int PassengerCount,
    string CabinClass,
    int? MaxConnections,
    int OfferCount,
    DateTimeOffset CreatedAt);
