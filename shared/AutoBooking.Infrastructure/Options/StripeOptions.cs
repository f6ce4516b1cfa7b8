using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    /// <summary>Stripe API base; the sandbox's /stripe prefix locally.</summary>
    [Required, Url]
    public string ApiBase { get; set; } = "https://api.stripe.com";

    [Required]
    public string SecretKey { get; set; } = "";

    /// <summary>
    /// Stripe.net's own retries of network failures and 409/429/5xx. 0 by default: the booking saga's retry policy
    /// is the one layer that retries Stripe calls (with the same idempotency keys), so they are not stacked.
    /// </summary>
    [Range(0, 5)]
    public int MaxNetworkRetries { get; set; }

    /// <summary>How long one Stripe call may take before it is abandoned (and, in the saga, retried with its key).</summary>
    [Range(2, 80)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Signing secret of the Stripe webhook endpoint (whsec_…). Optional: without it every Stripe webhook is rejected.</summary>
    public string? WebhookSecret { get; set; }
}
