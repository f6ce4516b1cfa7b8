namespace AutoBooking.Infrastructure.Postgres;

/// <summary>One audit-trail entry. <see cref="Detail"/> is JSON without PII.</summary>
public sealed class TripEventRecord
{
    /// <summary>Filled by queries across trips (the data export); empty in per-trip reads.</summary>
    public Guid TripId { get; init; }

    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string? FromStatus { get; init; }
    public string? ToStatus { get; init; }
    public string? Detail { get; init; }
    public string Actor { get; init; } = "";
    public string? CorrelationId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
}
