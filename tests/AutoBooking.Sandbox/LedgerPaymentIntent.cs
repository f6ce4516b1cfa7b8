namespace AutoBooking.Sandbox;

/// <summary>
/// A Stripe PaymentIntent as it stands now. <see cref="Status"/> uses Stripe's words (requires_capture,
/// succeeded, canceled, requires_payment_method, ...); amounts are in minor units.
/// </summary>
public sealed record LedgerPaymentIntent(
    string Id,
    long Amount,
    string Currency,
    string Status,
    string CaptureMethod,
    string? Customer,
    string? PaymentMethod,
    long AmountCapturable,
    long AmountReceived,
    int CaptureCount,
    string? CancellationReason,
    string? LastErrorCode,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt)
{
    /// <summary>Minor units refunded so far (see <see cref="Ledger.Refunds"/>).</summary>
    public long AmountRefunded { get; init; }
}
