namespace AutoBooking.Sandbox.Stripe;

/// <summary>Why a card was refused, in Stripe's terms (error code, decline code, customer-facing message).</summary>
internal sealed record CardOutcome(string Code, string? DeclineCode, string Message);
