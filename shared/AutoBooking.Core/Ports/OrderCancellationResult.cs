namespace AutoBooking.Core.Ports;

/// <summary>
/// The outcome of cancelling an order. <see cref="Refund"/> is what the airline returns to our balance (we then
/// refund the traveler's card ourselves); <see cref="ProviderRequestId"/> is kept for support.
/// </summary>
public sealed record OrderCancellationResult(
    OrderCancellationStatus Status,
    string? CancellationId,
    Money.Money? Refund,
    string? RefundTo,
    string? FailureCode,
    string? ProviderRequestId);
