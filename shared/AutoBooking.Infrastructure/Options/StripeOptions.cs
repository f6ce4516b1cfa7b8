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
}
