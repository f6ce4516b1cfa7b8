namespace AutoBooking.Core.Offers;

/// <summary>
/// The traveler's optional limits beyond price and stops: airlines to fly only with or never with (IATA
/// codes), the longest acceptable journey, how many checked bags the fare must include, and whether it must be
/// refundable or changeable (<see cref="Fare"/>, a penalty compared in the offer's currency). Also their
/// preferred airlines, which are not a limit but a preference in the ranking (<see cref="OfferSelector"/>).
/// </summary>
public sealed record OfferFilters(
    IReadOnlyList<string> IncludedAirlines, IReadOnlyList<string> ExcludedAirlines, int? MaxDurationMinutes, int CheckedBags,
    IReadOnlyList<string>? PreferredAirlines = null, FareRequirements? Fare = null)
{
    /// <summary>Every flight of the offer is operated by one of the preferred airlines (false when none are named).</summary>
    public bool Prefers(OfferCandidate offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return PreferredAirlines is { Count: > 0 } preferred && offer.Carriers.Count > 0
            && offer.Carriers.All(c => preferred.Contains(c, StringComparer.Ordinal));
    }

    public static OfferFilters None { get; } = new([], [], null, 0);

    public bool Allows(OfferCandidate offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return (IncludedAirlines.Count == 0 || offer.Carriers.All(c => IncludedAirlines.Contains(c, StringComparer.Ordinal)))
            && !offer.Carriers.Any(c => ExcludedAirlines.Contains(c, StringComparer.Ordinal))
            && (MaxDurationMinutes is not int max || offer.TotalDuration <= TimeSpan.FromMinutes(max))
            && offer.CheckedBags >= CheckedBags
            && (Fare is null || Fare.AreMetBy(offer.TermsOrUnknown.Conditions, offer.Total.Currency));
    }
}
