using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// An order: the offer it came from, who flies, and its price. An instant order is paid and ticketed when created;
/// a hold (<see cref="IsHold"/>) keeps the seats unpaid until <see cref="PaymentRequiredBy"/>, gets its tickets when
/// paid (<c>POST /air/payments</c>) and lapses unpaid at the deadline. The settable members change only under
/// <see cref="DuffelStore"/>'s booking lock.
/// </summary>
internal sealed record OrderRecord(
    string Id,
    OfferRecord Offer,
    string BookingReference,
    IReadOnlyList<OrderPassenger> Passengers,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTimeOffset CreatedAt)
{
    public const string Instant = "instant";

    public const string Hold = "hold";

    /// <summary><see cref="Instant"/> or <see cref="Hold"/>.</summary>
    public required string Type { get; init; }

    public bool IsHold => Type == Hold;

    /// <summary>What was paid; for an unpaid hold, what paying it costs now (the airline may reprice it, see <see cref="Airline.RepriceHold"/>).</summary>
    public required FareQuote Total { get; set; }

    /// <summary>One e-ticket per passenger, in passenger order; none until the order is paid.</summary>
    public IReadOnlyList<string> TicketNumbers { get; set; } = [];

    /// <summary>When it was paid: an instant order when created, a hold when its payment went through; null while unpaid.</summary>
    public DateTimeOffset? PaidAt { get; set; }

    /// <summary>A hold's deadline: unpaid by then, it lapses (<see cref="ExpiredAt"/>).</summary>
    public DateTimeOffset? PaymentRequiredBy { get; init; }

    /// <summary>Until when a hold's price is guaranteed. The sandbox does not enforce it: a test reprices a hold when it means the guarantee lapsed.</summary>
    public DateTimeOffset? PriceGuaranteeExpiresAt { get; init; }

    /// <summary>A hold still waiting to be paid: unpaid, not cancelled, not lapsed.</summary>
    public bool AwaitingPayment => IsHold && PaidAt is null && CancelledAt is null;

    /// <summary>Set when a cancellation is confirmed, or to <see cref="PaymentRequiredBy"/> when an unpaid hold lapses.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>An unpaid hold that lapsed at its deadline (then <see cref="CancelledAt"/> is the deadline too).</summary>
    public DateTimeOffset? ExpiredAt { get; set; }

    /// <summary>
    /// The flights as the airline has them now: the offer's slices when sold, replaced (never edited in place, so
    /// a reader's copy stays whole) under <see cref="DuffelStore"/>'s booking lock when the airline changes them.
    /// </summary>
    public required JsonArray Slices { get; set; }

    /// <summary>The airline's changes to this order, oldest first; replaced by a longer list under the booking lock.</summary>
    public IReadOnlyList<AirlineChangeRecord> AirlineChanges { get; set; } = [];

    /// <summary>The order as the ledger shows it now.</summary>
    public LedgerOrder ToLedger() => new(
        Id,
        Offer.Id,
        Offer.OfferRequestId,
        BookingReference,
        Total.Amount,
        Total.Currency,
        Offer.Owner.IataCode,
        Passengers.Select(p => new LedgerPassenger(p.Id, p.GivenName, p.FamilyName, p.Email, p.Type!, p.InfantPassengerId, p.Document)).ToList(),
        TicketNumbers,
        Metadata ?? new Dictionary<string, string>(),
        CreatedAt)
    {
        Type = Type,
        AwaitingPayment = AwaitingPayment,
        PaymentRequiredBy = PaymentRequiredBy,
        PriceGuaranteeExpiresAt = PriceGuaranteeExpiresAt,
        PaidAt = PaidAt,
        CancelledAt = CancelledAt,
        ExpiredAt = ExpiredAt,
    };
}
