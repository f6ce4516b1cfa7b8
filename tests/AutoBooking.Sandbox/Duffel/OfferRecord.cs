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

    /// <summary>Set under <see cref="DuffelStore"/>'s booking lock: an offer is sold once.</summary>
    public bool Booked { get; set; }
}
