namespace AutoBooking.Core.Booking;

/// <summary>
/// Idempotency keys for external side effects: attempt id + step, so a retried activity replays the same
/// call at the provider instead of making a second one.
/// </summary>
public static class IdempotencyKeys
{
    public static string For(Guid attemptId, string step) => $"attempt-{attemptId:N}/{step}";

    /// <summary>Emails: <c>&lt;event&gt;/&lt;entity-id&gt;</c>, so one event never sends two emails.</summary>
    public static string ForEmail(string emailEvent, Guid entityId) => $"{emailEvent}/{entityId:N}";

    /// <summary>
    /// Emails caused by a provider's event: <c>&lt;event&gt;/&lt;provider event id&gt;</c>, so a redelivered event
    /// sends the same email, not a second, while the next event of its kind sends its own.
    /// </summary>
    public static string ForEmail(string emailEvent, string providerEventId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerEventId);
        return $"{emailEvent}/{providerEventId}";
    }
}
