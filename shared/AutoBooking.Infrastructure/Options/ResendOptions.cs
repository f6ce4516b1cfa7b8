using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class ResendOptions
{
    public const string SectionName = "Resend";

    [Required, Url]
    public string ApiUrl { get; set; } = "https://api.resend.com";

    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>Sender, e.g. <c>AutoBooking &lt;bookings@example.com&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "";

    /// <summary>HTTP timeout per attempt.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Retries on 429 (after retry-after) and 5xx; safe because every email carries an idempotency key.</summary>
    [Range(0, 6)]
    public int MaxRetries { get; set; } = 3;

    [Range(1, 10_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>A 429 asking for a longer wait than this is reported instead of waited out.</summary>
    [Range(0, 120)]
    public int MaxRateLimitWaitSeconds { get; set; } = 10;

    /// <summary>Shown in traveller emails as the way to reach us, e.g. <c>support@example.com</c>.</summary>
    public string SupportContact { get; set; } = "support@autobooking.example";
}
