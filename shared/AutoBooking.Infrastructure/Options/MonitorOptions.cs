using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class MonitorOptions
{
    public const string SectionName = "Monitor";

    /// <summary>NCRONTAB of the sweep timer, read by the trigger as %Monitor:Schedule%.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */10 * * * *";

    /// <summary>Trips claimed per sweep.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a claimed trip is hidden from the next sweeps while its search runs.</summary>
    [Range(1, 1440)]
    public int ClaimLeaseMinutes { get; set; } = 15;

    /// <summary>When a trip is checked again after a search found nothing to buy.</summary>
    [Range(1, 10080)]
    public int CheckIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// How long trips searching exactly the same thing share one provider search (capped by the offers' expiry);
    /// 0 turns sharing off.
    /// </summary>
    [Range(0, 3600)]
    public int SharedSearchSeconds { get; set; } = 300;

    /// <summary>How long a search waits for an identical one already running before searching itself.</summary>
    [Range(1, 120)]
    public int SharedSearchWaitSeconds { get; set; } = 20;
}
