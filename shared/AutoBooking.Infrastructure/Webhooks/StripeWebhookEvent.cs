using Stripe;

namespace AutoBooking.Infrastructure.Webhooks;

/// <summary>
/// A verified Stripe webhook event: id (deduplicate by it), type (<c>payment_intent.succeeded</c>, …), the id of
/// the object it is about, the booking attempt from a PaymentIntent's metadata when present, and the Stripe.net
/// <see cref="Event"/> itself for anything else.
/// </summary>
public sealed record StripeWebhookEvent(
    string Id,
    string Type,
    string? ObjectId,
    Guid? AttemptId,
    bool LiveMode,
    DateTimeOffset Created,
    Event Raw);
