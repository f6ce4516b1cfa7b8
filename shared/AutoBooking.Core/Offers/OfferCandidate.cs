namespace AutoBooking.Core.Offers;

/// <summary>The facts of one provider offer that selection needs.</summary>
public sealed record OfferCandidate(
    string ProviderOfferId,
    Money.Money Total,
    DateTimeOffset ExpiresAt,
    int MaxStops,
    TimeSpan TotalDuration,
    IReadOnlyList<string> Carriers);
