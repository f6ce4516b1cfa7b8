namespace AutoBooking.Sandbox.Duffel;

/// <summary>A cancellation quote for an order; confirming it cancels the order. Changed only under the booking lock.</summary>
internal sealed class OrderCancellationRecord
{
    public required string Id { get; init; }

    public required OrderRecord Order { get; init; }

    public required FareQuote Refund { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public LedgerOrderCancellation ToLedger() => new(Id, Order.Id, Refund.Amount, Refund.Currency, "balance", CreatedAt, ConfirmedAt);
}
