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

    /// <summary>How long the booking-start lock on a trip lives if its holder dies.</summary>
    [Range(1, 300)]
    public int TripLockSeconds { get; set; } = 30;
}
