namespace AutoBooking.Sandbox;

/// <summary>A Stripe SetupIntent as it stands now (requires_payment_method → succeeded with a saved PaymentMethod).</summary>
public sealed record LedgerSetupIntent(string Id, string? Customer, string Usage, string Status, string? PaymentMethod, DateTimeOffset CreatedAt);
