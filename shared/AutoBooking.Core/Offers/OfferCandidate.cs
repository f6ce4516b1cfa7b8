namespace AutoBooking.Core.Offers;

/// <summary>The facts of one provider offer that selection needs. <see cref="CheckedBags"/>: checked bags included per passenger on every flight.</summary>
public sealed record OfferCandidate(
    string ProviderOfferId,
    Money.Money Total,
    DateTimeOffset ExpiresAt,
    int MaxStops,
    TimeSpan TotalDuration,
    IReadOnlyList<string> Carriers,
    int CheckedBags = 0);
