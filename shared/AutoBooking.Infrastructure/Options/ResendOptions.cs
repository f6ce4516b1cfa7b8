using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

/// <summary>
/// The Resend client's settings; its resilience settings (<see cref="ProviderHttpOptions"/>) may repeat every send,
/// because every email carries an idempotency key.
/// </summary>
public sealed class ResendOptions : ProviderHttpOptions
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
    public override int TimeoutSeconds { get; set; } = 10;

    /// <summary>Shown in traveler emails as the way to reach us, e.g. <c>support@example.com</c>.</summary>
    public string SupportContact { get; set; } = "support@autobooking.example";
}
