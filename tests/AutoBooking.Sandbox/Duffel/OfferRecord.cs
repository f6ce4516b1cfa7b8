using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// An offer as generated. Its price can later differ (<see cref="Fares.RepriceOffer"/>), and it stops being
/// bookable once booked, expired or withdrawn; <see cref="DuffelStore"/> owns those rules.
/// </summary>
internal sealed class OfferRecord
{
    public required string Id { get; init; }

    public required string OfferRequestId { get; init; }

    public required Carrier Owner { get; init; }

    public required FareQuote Total { get; init; }

    public required int Stops { get; init; }

    public required TimeSpan TotalDuration { get; init; }

    public required IReadOnlyList<PassengerQuery> Passengers { get; init; }

    public required string CabinClass { get; init; }

    /// <summary>The slices exactly as sent; an order repeats them, so they are built once.</summary>
    public required JsonArray Slices { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary><c>passenger_identity_documents_required</c>: every order passenger must carry one allowed document.</summary>
    public bool DocumentsRequired { get; init; }

    /// <summary><c>allowed_passenger_identity_document_types</c>; empty: an order must carry no document.</summary>
    public IReadOnlyList<string> AllowedDocumentTypes { get; init; } = [];

    /// <summary>False when the offer can be held (ordered with type <c>hold</c> and paid later).</summary>
    public bool RequiresInstantPayment { get; init; } = true;

    /// <summary>Offer-level <c>conditions</c> (refund_before_departure, change_before_departure), as sent.</summary>
    public JsonObject Conditions { get; init; } = new() { ["refund_before_departure"] = null, ["change_before_departure"] = null };

    /// <summary>The day (local) of the last flight: a document must not expire before it.</summary>
    public DateOnly LastFlightOn { get; init; }

    /// <summary>Set under <see cref="DuffelStore"/>'s booking lock: an offer is sold once.</summary>
    public bool Booked { get; set; }
}
