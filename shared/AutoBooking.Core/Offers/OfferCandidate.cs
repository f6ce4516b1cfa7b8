namespace AutoBooking.Core.Offers;

/// <summary>
/// The facts of one provider offer that selection needs. <see cref="MaxStops"/> and <see cref="TotalDuration"/> are
/// per direction (the most stops and the longest journey of any slice); <see cref="CheckedBags"/>: checked bags
/// included for every passenger on every flight; <see cref="Terms"/>: documents, fare conditions and payment (null for
/// offers recorded before terms were: <see cref="OfferTerms.Unknown"/>).
/// </summary>
public sealed record OfferCandidate(
    string ProviderOfferId,
    Money.Money Total,
    DateTimeOffset ExpiresAt,
    int MaxStops,
    TimeSpan TotalDuration,
    IReadOnlyList<string> Carriers,
    int CheckedBags = 0,
    OfferTerms? Terms = null)
{
    /// <summary>The terms, or what an offer without recorded terms is taken to say.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public OfferTerms TermsOrUnknown => Terms ?? OfferTerms.Unknown;
}
