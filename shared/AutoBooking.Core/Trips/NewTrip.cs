namespace AutoBooking.Core.Trips;

/// <summary>A validated request to start watching fares, with the traveller's consent to auto-book (terms version).</summary>
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
    IReadOnlyList<Traveler> Companions);
