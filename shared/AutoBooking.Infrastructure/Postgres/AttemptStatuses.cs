using AutoBooking.Core.Booking;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Database spelling of <see cref="AttemptStatus"/> (snake_case).</summary>
public static class AttemptStatuses
{
    public static string ToDb(this AttemptStatus status) => status switch
    {
        AttemptStatus.NeedsAttention => "needs_attention",
        AttemptStatus.AwaitingAuthentication => "awaiting_authentication",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static AttemptStatus FromDb(string value) => value switch
    {
        "needs_attention" => AttemptStatus.NeedsAttention,
        "awaiting_authentication" => AttemptStatus.AwaitingAuthentication,
        _ => Enum.Parse<AttemptStatus>(value, ignoreCase: true),
    };
}
