namespace AutoBooking.Core.Offers;

/// <summary>
/// The offer's rules beyond price and flights: which identity documents an order must carry
/// (<see cref="DocumentsRequired"/>: one per passenger, of one of <see cref="AllowedDocumentTypes"/>; when that list
/// is empty no document may be sent), the day of the last flight (documents must be valid until then), the fare
/// conditions, how it must be paid, and the carry-on and checked bags included for every passenger on every flight.
/// </summary>
public sealed record OfferTerms(
    bool DocumentsRequired,
    IReadOnlyList<string> AllowedDocumentTypes,
    DateOnly? LastFlightOn,
    FareConditions Conditions,
    PaymentTerms Payment,
    int CarryOnBags = 0,
    int CheckedBags = 0)
{
    /// <summary>What an offer read before terms were recorded is taken to say: no documents, nothing known, pay now.</summary>
    public static OfferTerms Unknown { get; } = new(false, [], null, FareConditions.Unknown, PaymentTerms.Instant);
}
