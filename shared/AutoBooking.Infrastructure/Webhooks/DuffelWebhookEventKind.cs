namespace AutoBooking.Infrastructure.Webhooks;

/// <summary>The Duffel webhook events AutoBooking acts on; anything else is <see cref="Other"/> (acknowledged, ignored).</summary>
public enum DuffelWebhookEventKind
{
    Other,

    /// <summary><c>order.created</c>: an order exists (also after an ambiguous creation).</summary>
    OrderCreated,

    /// <summary><c>order.creation_failed</c>: an order we were unsure about was not created.</summary>
    OrderCreationFailed,

    /// <summary><c>order.airline_initiated_change_detected</c>: the airline changed the schedule; tell the traveler.</summary>
    AirlineInitiatedChangeDetected,

    /// <summary><c>order_cancellation.created</c>: a cancellation was quoted.</summary>
    OrderCancellationCreated,

    /// <summary><c>order_cancellation.confirmed</c>: the order is cancelled.</summary>
    OrderCancellationConfirmed,

    /// <summary><c>ping.triggered</c>: Duffel's test delivery.</summary>
    Ping,
}
