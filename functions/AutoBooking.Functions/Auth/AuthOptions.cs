using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Functions.Auth;

/// <summary>Bearer JWT validation settings.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    [Required]
    public string Issuer { get; set; } = "";

    [Required]
    public string Audience { get; set; } = "";

    /// <summary>
    /// Base64 HMAC-SHA256 key (at least 32 bytes) for the local development issuer. Production uses the
    /// identity provider's published keys instead (see README).
    /// </summary>
    [Required, MinLength(44)]
    public string SigningKey { get; set; } = "";
}
