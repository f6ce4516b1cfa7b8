using AutoBooking.Core.Booking;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Database spelling of <see cref="AttemptStatus"/> (snake_case).</summary>
public static class AttemptStatuses
{
    public static string ToDb(this AttemptStatus status) => status switch
    {
        AttemptStatus.NeedsAttention => "needs_attention",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static AttemptStatus FromDb(string value) => value == "needs_attention"
        ? AttemptStatus.NeedsAttention
        : Enum.Parse<AttemptStatus>(value, ignoreCase: true);
}
