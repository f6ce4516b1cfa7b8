namespace AutoBooking.Core.Offers;

/// <summary>
/// The traveler's hard limits for an offer, plus our safety buffer on offer expiry. <see cref="Documents"/>: each
/// traveler's identity document (null entry: none on file), in travel order; null when not known, which no offer
/// that requires documents satisfies.
/// </summary>
public sealed record SelectionCriteria(
    Money.Money MaxTotal,
    int MaxConnections,
    TimeSpan ExpirySafetyBuffer,
    OfferFilters? Filters = null,
    IReadOnlyList<TravelDocument?>? Documents = null);
