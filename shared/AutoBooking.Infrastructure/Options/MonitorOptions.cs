using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class MonitorOptions
{
    public const string SectionName = "Monitor";

    /// <summary>
    /// NCRONTAB of the sweep timer (six fields, with seconds), read by the Functions host as %Monitor:Schedule%.
    /// No C# default on purpose: the host resolves the trigger from app settings and never sees one, so a missing
    /// setting would only leave the sweep silently unindexed. Required here, the worker refuses to start instead.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Monitor:Schedule (app setting Monitor__Schedule) is required: the NCRONTAB of the monitor sweep, e.g. \"0 */10 * * * *\".")]
    [RegularExpression(@"\A\S+( \S+){5}\z", ErrorMessage = "Monitor:Schedule must be a six-field NCRONTAB with seconds, e.g. \"0 */10 * * * *\".")]
    public string Schedule { get; set; } = "";

    /// <summary>Trips claimed per claim batch; a sweep claims batch after batch until nothing is due or its budget is spent.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How long one sweep keeps claiming batches. Kept well inside the Functions timeout (5 minutes on Consumption by
    /// default), so a sweep always ends on its own; whatever is still due is claimed by the next sweep or instance.
    /// </summary>
    [Range(1, 600)]
    public int SweepBudgetSeconds { get; set; } = 180;

    /// <summary>How many queue sends a sweep keeps in flight at once.</summary>
    [Range(1, 256)]
    public int EnqueueConcurrency { get; set; } = 32;

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
