namespace AutoBooking.Core.Trips;

/// <summary>A validated request to start watching fares, with the traveler's consent to auto-book (terms version).</summary>
public sealed record NewTrip(
    string OwnerId,
    string Origin,
    string Destination,
    DateOnly DepartureDate,
    string Cabin,
    int MaxConnections,
    Money.Money MaxTotal,
    Traveler Traveler,
    string StripeCustomerId,
    string StripePaymentMethodId,
    string ConsentTermsVersion,
    Offers.OfferFilters Filters,
    DateTimeOffset? ExpiresAt,
    bool ApprovalRequired,
    RouteAlternatives Route,
    IReadOnlyList<Traveler> Companions)
{
    /// <summary>
    /// The saved profiles (lead and companions) and saved card the request named, if any: they were read before the
    /// owner's lock, so the create checks under it that they still exist (an erasure or a delete may have run between).
    /// </summary>
    public IReadOnlyList<Guid> SavedTravelerIds { get; init; } = [];

    public Guid? SavedPaymentMethodId { get; init; }
}
