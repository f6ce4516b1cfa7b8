namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// First step of an erasure: either a booking is still in flight (nothing changed: retry once it settles), or the
/// user's active trips are cancelled and these are the Stripe payment methods to detach before the PII goes, and the
/// user's Stripe customer (if any), whose open SetupIntents are cancelled and whose other attached cards are detached too.
/// </summary>
public sealed record ErasurePreparation(bool BookingInFlight, int TripsCancelled, IReadOnlyList<string> PaymentMethodIds, string? StripeCustomerId = null);
