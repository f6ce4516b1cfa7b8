namespace AutoBooking.Core.Offers;

/// <summary>
/// The traveller's optional limits beyond price and stops: airlines to fly only with or never with (IATA
/// codes), the longest acceptable journey, and how many checked bags the fare must include.
/// </summary>
public sealed record OfferFilters(
    IReadOnlyList<string> IncludedAirlines, IReadOnlyList<string> ExcludedAirlines, int? MaxDurationMinutes, int CheckedBags)
{
    public static OfferFilters None { get; } = new([], [], null, 0);

    public bool Allows(OfferCandidate offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return (IncludedAirlines.Count == 0 || offer.Carriers.All(c => IncludedAirlines.Contains(c, StringComparer.Ordinal)))
            && !offer.Carriers.Any(c => ExcludedAirlines.Contains(c, StringComparer.Ordinal))
            && (MaxDurationMinutes is not int max || offer.TotalDuration <= TimeSpan.FromMinutes(max))
            && offer.CheckedBags >= CheckedBags;
    }
}
