namespace AutoBooking.Sandbox;

/// <summary>
/// A Duffel order the sandbox created, whether or not the caller heard about it: an instant order is a ticket bought;
/// a hold (<see cref="Type"/> "hold") keeps seats unpaid, with no <see cref="TicketNumbers"/>, until it is paid
/// (<see cref="PaidAt"/>), cancelled (<see cref="CancelledAt"/>) or lapses at <see cref="PaymentRequiredBy"/>
/// (<see cref="ExpiredAt"/>). <see cref="TotalAmount"/> is what was paid, or what paying a hold costs now.
/// </summary>
public sealed record LedgerOrder(
    string Id,
    string OfferId,
    string OfferRequestId,
    string BookingReference,
    decimal TotalAmount,
    string Currency,
    string Owner,
    IReadOnlyList<LedgerPassenger> Passengers,
    IReadOnlyList<string> TicketNumbers,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt)
{
    public int PassengerCount => Passengers.Count;

    /// <summary>"instant" (paid and ticketed when created) or "hold".</summary>
    public string Type { get; init; } = "instant";

    /// <summary>A hold not paid, not cancelled and not lapsed: nothing charged, no tickets.</summary>
    public bool AwaitingPayment { get; init; }

    /// <summary>A hold's deadline (creation plus 72 hours in the sandbox); null for instant orders.</summary>
    public DateTimeOffset? PaymentRequiredBy { get; init; }

    /// <summary>Until when a hold's price was guaranteed (creation plus 24 hours); null for instant orders.</summary>
    public DateTimeOffset? PriceGuaranteeExpiresAt { get; init; }

    /// <summary>When it was paid: an instant order at creation, a hold when its payment went through; null while unpaid.</summary>
    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>When it was cancelled: a confirmed cancellation, or a hold's deadline when it lapsed unpaid.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>An unpaid hold that lapsed at its deadline; the sandbox notices when the order is next read or paid.</summary>
    public DateTimeOffset? ExpiredAt { get; init; }
}
