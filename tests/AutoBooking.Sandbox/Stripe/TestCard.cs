namespace AutoBooking.Sandbox.Stripe;

/// <summary>The card behind a test PaymentMethod, as Stripe shows it (brand, last four digits, expiry).</summary>
internal sealed record TestCard(string Brand, string Last4, string Funding = "credit");
