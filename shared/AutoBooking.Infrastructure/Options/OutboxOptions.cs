using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

/// <summary>The outbox sender: how often it runs, how it backs off, and when an unsent email alerts.</summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string SectionName = "Outbox";

    /// <summary>NCRONTAB of the sender timer, read by the trigger as %Outbox:Schedule%.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */1 * * * *";

    /// <summary>Rows claimed per pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// How long a claimed row is hidden from other senders. Longer than one send with its HTTP retries
    /// (Resend:TimeoutSeconds × (MaxRetries + 1) plus the waits), so a slow send is not claimed twice.
    /// </summary>
    [Range(10, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Wait after the first failed send; doubled after each further failure, up to <see cref="RetryMaxSeconds"/>.</summary>
    [Range(1, 3600)]
    public int RetryBaseSeconds { get; set; } = 30;

    [Range(1, 21600)]
    public int RetryMaxSeconds { get; set; } = 1800;

    /// <summary>A row still unsent this long after it was written raises the unsent-email alert (once per row).</summary>
    [Range(1, 1440)]
    public int AlertAfterMinutes { get; set; } = 30;

    /// <summary>
    /// A row still unsent this long after it was written is given up (dead, alerted): Resend keeps idempotency keys for
    /// 24 hours, so a later send could be a second copy of an email whose acceptance we never heard.
    /// </summary>
    [Range(1, 23)]
    public int GiveUpAfterHours { get; set; } = 23;

    /// <summary>How long the best-effort send right after a state change may take before it leaves the row to the timer.</summary>
    [Range(1, 120)]
    public int ImmediateSendTimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// The wait after the <paramref name="sendCount"/>-th failed send: base, 2×base, 4×base, … capped at
    /// <see cref="RetryMaxSeconds"/> (the exponent is capped too, so it cannot overflow).
    /// </summary>
    public TimeSpan RetryDelay(int sendCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sendCount);
        return TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryBaseSeconds * Math.Pow(2, Math.Min(sendCount - 1, 30))));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxSeconds < RetryBaseSeconds)
        {
            yield return new ValidationResult("Outbox:RetryMaxSeconds must be at least Outbox:RetryBaseSeconds.",
                [nameof(RetryMaxSeconds), nameof(RetryBaseSeconds)]);
        }
        if (AlertAfterMinutes >= GiveUpAfterHours * 60)
        {
            yield return new ValidationResult("Outbox:AlertAfterMinutes must be shorter than Outbox:GiveUpAfterHours.",
                [nameof(AlertAfterMinutes), nameof(GiveUpAfterHours)]);
        }
    }
}
