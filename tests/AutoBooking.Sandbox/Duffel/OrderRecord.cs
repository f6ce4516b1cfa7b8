using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>A bought ticket: the offer it came from, who flies, and what was paid.</summary>
internal sealed record OrderRecord(
    string Id,
    OfferRecord Offer,
    string BookingReference,
    FareQuote Total,
    IReadOnlyList<OrderPassenger> Passengers,
    IReadOnlyList<string> TicketNumbers,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTimeOffset CreatedAt)
{
    /// <summary>Set under <see cref="DuffelStore"/>'s booking lock when a cancellation is confirmed.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>
    /// The flights as the airline has them now: the offer's slices when sold, replaced (never edited in place, so
    /// a reader's copy stays whole) under <see cref="DuffelStore"/>'s booking lock when the airline changes them.
    /// </summary>
    public required JsonArray Slices { get; set; }

    /// <summary>The airline's changes to this order, oldest first; replaced by a longer list under the booking lock.</summary>
    public IReadOnlyList<AirlineChangeRecord> AirlineChanges { get; set; } = [];
}
