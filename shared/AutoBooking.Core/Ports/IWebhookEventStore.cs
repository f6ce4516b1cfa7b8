namespace AutoBooking.Core.Ports;

/// <summary>
/// Remembers which provider webhook events were handled, so a redelivered event (providers deliver at least
/// once, sometimes out of order) is acknowledged without being acted on twice. Backed by a table with a
/// unique (provider, event id) constraint.
/// </summary>
public interface IWebhookEventStore
{
    /// <summary>
    /// Records the event; true when it is new (act on it), false when it was recorded before (acknowledge
    /// and skip). Concurrent deliveries of one event: exactly one caller gets true.
    /// </summary>
    Task<bool> TryRecordAsync(string provider, string eventId, string eventType, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}
