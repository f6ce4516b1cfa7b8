using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

/// <summary>
/// The Duffel client's settings; its resilience settings (<see cref="ProviderHttpOptions"/>) repeat only safe requests
/// (reads, searches): order creation and cancellation confirmation are never retried.
/// </summary>
public sealed class DuffelOptions : ProviderHttpOptions
{
    public const string SectionName = "Duffel";

    /// <summary>API base, e.g. https://api.duffel.com or the sandbox's /duffel prefix.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "";

    [Required]
    public string AccessToken { get; set; } = "";

    /// <summary>Our HTTP timeout per attempt. Duffel's supplier_timeout is kept below it.</summary>
    [Range(5, 120)]
    public override int TimeoutSeconds { get; set; } = 30;

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
