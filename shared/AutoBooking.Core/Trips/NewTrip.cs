namespace AutoBooking.Core.Trips;

/// <summary>A validated request to start watching fares.</summary>
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
    string StripePaymentMethodId);
