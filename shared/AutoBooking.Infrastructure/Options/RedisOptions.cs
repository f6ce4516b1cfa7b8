using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:63790</c>.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Prefix of every key we write, so environments (and tests) can share a server.</summary>
    public string KeyPrefix { get; set; } = "ab:";

    /// <summary>
    /// How long the first connect may take before the app goes on without Redis (it keeps reconnecting in the
    /// background). Paid once, by the first function that needs Redis.
    /// </summary>
    [Range(100, 30000)]
    public int ConnectTimeoutMilliseconds { get; set; } = 3000;

    /// <summary>How long the booking-start lock on a trip lives if its holder dies.</summary>
    [Range(1, 300)]
    public int TripLockSeconds { get; set; } = 30;
}
