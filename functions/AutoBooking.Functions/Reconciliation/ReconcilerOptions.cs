using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>The reconciler: what it looks at, how often, and when a hold is escalated (section <c>Reconciler</c>).</summary>
public sealed class ReconcilerOptions
{
    public const string SectionName = "Reconciler";

    /// <summary>NCRONTAB of the reconciler timer, read by the trigger as %Reconciler:Schedule%.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */5 * * * *";

    /// <summary>Attempts claimed per pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed attempt is hidden from other passes and operators while it is reconciled.</summary>
    [Range(1, 120)]
    public int LeaseMinutes { get; set; } = 10;

    /// <summary>An in-flight attempt unchanged this long has its orchestration checked (running sagas are left alone).</summary>
    [Range(0, 1440)]
    public int QuietMinutes { get; set; } = 10;

    /// <summary>
    /// A saga still running this long after its attempt began has run far too long (approval and on-session
    /// authentication waits included): it is terminated and the attempt settled from the providers' truth.
    /// </summary>
    [Range(1, 2880)]
    public int MaxSagaMinutes { get; set; } = 240;

    /// <summary>How often an attempt that needs attention is asked about again.</summary>
    [Range(0, 1440)]
    public int RecheckMinutes { get; set; } = 15;

    /// <summary>
    /// An order not found this long after the attempt last moved is proven absent (an accepted order creation settles
    /// well within it); sooner, "not found" may still mean "being created".
    /// </summary>
    [Range(0, 1440)]
    public int OrderSettleMinutes { get; set; } = 30;

    /// <summary>
    /// A hold this old that cannot be settled is escalated (Critical log, trip event, metric), well before the card
    /// network drops it (Visa merchant-initiated holds: about 5 days).
    /// </summary>
    [Range(1, 120)]
    public int HoldEscalationHours { get; set; } = 24;
}
