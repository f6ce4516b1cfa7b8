namespace AutoBooking.Functions.Account;

/// <summary>What the frontend needs to confirm a SetupIntent with Stripe.js: its id and client secret.</summary>
public sealed record SetupIntentResponse(string SetupIntentId, string ClientSecret);

/// <summary>A saved card as a list shows it. Nothing else about the card ever reaches us.</summary>
public sealed record PaymentMethodResponse(Guid Id, string Brand, string Last4, int ExpMonth, int ExpYear, DateTimeOffset CreatedAt);
