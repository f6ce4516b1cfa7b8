namespace AutoBooking.Sandbox;

/// <summary>A Stripe refund of a captured PaymentIntent; the amount is in minor units.</summary>
public sealed record LedgerRefund(string Id, string PaymentIntentId, long Amount, string Currency, string Status, string? Reason, DateTimeOffset CreatedAt);
