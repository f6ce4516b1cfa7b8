namespace AutoBooking.Sandbox.Duffel;

/// <summary>A search and the offers it produced (fixed at search time, as with Duffel).</summary>
internal sealed record OfferRequestRecord(
    string Id,
    IReadOnlyList<SliceQuery> Slices,
    IReadOnlyList<PassengerQuery> Passengers,
    string CabinClass,
    int? MaxConnections,
    DateTimeOffset CreatedAt,
    IReadOnlyList<OfferRecord> Offers);
