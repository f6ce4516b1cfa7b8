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
    /// Stripe.net's own retries of network failures and 409/429/5xx. Safe because every POST carries an
    /// idempotency key (ours, or one Stripe.net adds); kept small so a booking step fails fast.
    /// </summary>
    [Range(0, 5)]
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Signing secret of the Stripe webhook endpoint (whsec_…). Optional: without it every Stripe webhook is rejected.</summary>
    public string? WebhookSecret { get; set; }
}
