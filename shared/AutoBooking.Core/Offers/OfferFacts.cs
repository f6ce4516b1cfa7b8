namespace AutoBooking.Core.Offers;

/// <summary>
/// What the traveler is shown about a fare beside its price: whether it can be refunded or changed before departure
/// (null: the airline did not say) and at what penalty, the checked and carry-on bags included for every passenger,
/// the identity documents the airline asks for, and whether the fare can be held and until when.
/// </summary>
public sealed record OfferFacts(
    FareCondition? RefundBeforeDeparture,
    FareCondition? ChangeBeforeDeparture,
    int CheckedBags,
    int CarryOnBags,
    bool DocumentsRequired,
    IReadOnlyList<string> AllowedDocumentTypes,
    bool CanBeHeld,
    DateTimeOffset? PaymentRequiredBy,
    DateTimeOffset? PriceGuaranteeExpiresAt)
{
    public static OfferFacts Of(OfferCandidate offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return Of(offer.TermsOrUnknown with { CheckedBags = offer.CheckedBags });
    }

    public static OfferFacts Of(OfferTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new OfferFacts(terms.Conditions.RefundBeforeDeparture, terms.Conditions.ChangeBeforeDeparture, terms.CheckedBags, terms.CarryOnBags,
            terms.DocumentsRequired, terms.AllowedDocumentTypes, terms.Payment.CanBeHeld, terms.Payment.PaymentRequiredBy,
            terms.Payment.PriceGuaranteeExpiresAt);
    }

    /// <summary>One line for an email: "Refund: not allowed · Change: allowed (penalty 65.00 GBP) · Bags: 1 checked, 1 carry-on".</summary>
    public string Summary() =>
        $"Refund before departure: {Describe(RefundBeforeDeparture)}. Change before departure: {Describe(ChangeBeforeDeparture)}. " +
        $"Bags included per traveler: {CheckedBags} checked, {CarryOnBags} carry-on.";

    public static string Describe(FareCondition? condition) => condition switch
    {
        null => "not stated by the airline",
        { Allowed: false } => "not allowed",
        { Penalty: { Amount: 0 } } => "allowed, free",
        { Penalty: { } penalty } => $"allowed, penalty {penalty}",
        _ => "allowed, penalty not stated",
    };
}
