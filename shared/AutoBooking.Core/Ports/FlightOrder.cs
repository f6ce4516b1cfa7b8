namespace AutoBooking.Core.Ports;

/// <summary>
/// An order (a bought ticket) as the flight provider reports it. <see cref="AttemptId"/> is the booking attempt
/// recorded in the order's metadata when we created it; null for orders made elsewhere. <see cref="Segments"/>:
/// every flight of every slice, in travel order, with the schedule the airline has now. A hold order that is not paid
/// yet has <see cref="AwaitingPayment"/> and no tickets.
/// </summary>
public sealed record FlightOrder(
    string ProviderOrderId,
    string BookingReference,
    IReadOnlyList<string> TicketNumbers,
    Money.Money Total,
    Guid? AttemptId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<FlightSegment> Segments)
{
    public bool IsCancelled => CancelledAt is not null;

    /// <summary>A hold not paid yet (Duffel <c>payment_status.awaiting_payment</c>): no tickets, nothing charged.</summary>
    public bool AwaitingPayment { get; init; }

    /// <summary>An unpaid hold's deadline (<c>payment_status.payment_required_by</c>).</summary>
    public DateTimeOffset? PaymentRequiredBy { get; init; }

    /// <summary>An unpaid hold's price guarantee (<c>payment_status.price_guarantee_expires_at</c>).</summary>
    public DateTimeOffset? PriceGuaranteeExpiresAt { get; init; }
}
