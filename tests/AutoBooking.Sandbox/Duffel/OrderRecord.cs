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
}
