namespace AutoBooking.Core.Offers;

/// <summary>The traveller's hard limits for an offer, plus our safety buffer on offer expiry.</summary>
public sealed record SelectionCriteria(
    Money.Money MaxTotal,
    int MaxConnections,
    TimeSpan ExpirySafetyBuffer,
    OfferFilters? Filters = null);
