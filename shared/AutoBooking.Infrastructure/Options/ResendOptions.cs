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
}
