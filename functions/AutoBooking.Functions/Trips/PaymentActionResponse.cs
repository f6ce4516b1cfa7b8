namespace AutoBooking.Functions.Trips;

/// <summary>
/// A payment waiting for the traveler's on-session authentication: Stripe.js confirms it with
/// <paramref name="ClientSecret"/> (<c>stripe.confirmCardPayment</c>) before <paramref name="RespondBy"/>.
/// </summary>
public sealed record PaymentActionResponse(string ClientSecret, MoneyResponse Amount, DateTimeOffset RespondBy, string? PaymentMethodId = null);
