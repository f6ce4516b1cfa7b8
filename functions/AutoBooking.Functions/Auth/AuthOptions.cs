using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Functions.Auth;

/// <summary>
/// Bearer JWT validation settings. Production names the identity provider's OpenID Connect metadata
/// (<see cref="MetadataAddress"/>, whose JWKS keys are fetched and refreshed); local development signs with a
/// shared <see cref="SigningKey"/>. Exactly one of the two is configured (never a development key next to a provider).
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    [Required]
    public string Issuer { get; set; } = "";

    [Required]
    public string Audience { get; set; } = "";

    /// <summary>e.g. <c>https://login.example.com/.well-known/openid-configuration</c>; HTTPS unless <see cref="AllowHttpMetadata"/>.</summary>
    [Url]
    public string? MetadataAddress { get; set; }

    /// <summary>Only for tests and local identity providers on loopback.</summary>
    public bool AllowHttpMetadata { get; set; }

    /// <summary>Base64 HMAC-SHA256 key (at least 32 bytes) of the local development issuer.</summary>
    [MinLength(44)]
    public string? SigningKey { get; set; }

    /// <summary>The JWT claim that lists the caller's roles (a string or an array of strings).</summary>
    [Required]
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The role that may use the operators' API (<c>/api/operator/…</c>).</summary>
    [Required]
    public string OperatorRole { get; set; } = "autobooking.operator";
}
