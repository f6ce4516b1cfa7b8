namespace AutoBooking.Infrastructure.Webhooks;

/// <summary>
/// A verified Duffel webhook event. <see cref="ObjectId"/> is the id of the object it is about (an order, an
/// order cancellation); <see cref="AttemptId"/> is the booking attempt from the order's metadata, when present;
/// <see cref="OrderId"/> is the order the event concerns, when it names one (the object's <c>order_id</c>, or the
/// object itself when it is an order). Deduplicate by <see cref="Id"/> (Duffel delivers at least once).
/// </summary>
public sealed record DuffelWebhookEvent(
    string Id,
    string Type,
    DuffelWebhookEventKind Kind,
    string? ObjectId,
    Guid? AttemptId,
    bool LiveMode,
    DateTimeOffset? CreatedAt,
    string? OrderId);
