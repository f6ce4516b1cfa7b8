namespace AutoBooking.Sandbox;

/// <summary>A Duffel order cancellation: quoted when created, the order cancelled once <see cref="ConfirmedAt"/> is set.</summary>
public sealed record LedgerOrderCancellation(
    string Id,
    string OrderId,
    decimal RefundAmount,
    string RefundCurrency,
    string RefundTo,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ConfirmedAt);
