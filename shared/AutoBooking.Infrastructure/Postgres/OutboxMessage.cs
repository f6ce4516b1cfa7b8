namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A traveler email waiting in (or delivered from) the outbox: ids and the kind only, no PII.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";

    /// <summary>One per event; also the email's Resend idempotency key.</summary>
    public string DedupeKey { get; init; } = "";
    public Guid TripId { get; init; }
    public Guid? AttemptId { get; init; }
    public Guid? BookingId { get; init; }
    public string? ProviderEventId { get; init; }
    public string Status { get; init; } = "";

    /// <summary>Sends tried so far, this one included once claimed.</summary>
    public int SendCount { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public Guid? LeaseToken { get; init; }
    public string? LastError { get; init; }
    public string? ProviderMessageId { get; init; }
    public DateTimeOffset? AlertedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }

    public OutboxKind OutboxKind => OutboxKinds.FromDb(Kind);
}
