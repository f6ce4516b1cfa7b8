namespace AutoBooking.Core.Ports;

/// <summary>A refund the card provider accepted. <see cref="Status"/> uses the provider's words (succeeded, pending, failed).</summary>
public sealed record RefundResult(string RefundId, string Status, Money.Money Amount);
