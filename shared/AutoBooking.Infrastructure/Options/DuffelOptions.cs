using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class DuffelOptions
{
    public const string SectionName = "Duffel";

    /// <summary>API base, e.g. https://api.duffel.com or the sandbox's /duffel prefix.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "";

    [Required]
    public string AccessToken { get; set; } = "";

    /// <summary>Our HTTP timeout per attempt. Duffel's supplier_timeout is kept below it.</summary>
    [Range(5, 120)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of safe requests (reads, searches); order creation and cancellation confirmation are never retried.</summary>
    [Range(0, 6)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    [Range(1, 10_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>A 429 whose ratelimit-reset is further away than this is reported instead of waited out.</summary>
    [Range(0, 120)]
    public int MaxRateLimitWaitSeconds { get; set; } = 10;

    /// <summary>
    /// Longest time one order look-up by attempt (page after page of the order list) may take; past it the look-up
    /// is inconclusive ("still unknown"). Keeps the reconciling activity well inside the function timeout (5 min).
    /// </summary>
    [Range(5, 240)]
    public int OrderScanBudgetSeconds { get; set; } = 120;

    /// <summary>
    /// Secret of the Duffel webhook (X-Duffel-Signature). Optional: without it every Duffel webhook is
    /// rejected as unverifiable.
    /// </summary>
    public string? WebhookSecret { get; set; }
}
