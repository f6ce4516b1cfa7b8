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

    /// <summary>Our HTTP timeout. Duffel's supplier_timeout is kept below it.</summary>
    [Range(5, 120)]
    public int TimeoutSeconds { get; set; } = 30;
}
