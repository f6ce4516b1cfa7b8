namespace AutoBooking.Sandbox.Identity;

/// <summary>An authorization code: single use, bound to the redirect URI and PKCE challenge it was issued for.</summary>
internal sealed class IssuedCode
{
    public required Grant Grant { get; init; }

    public required string RedirectUri { get; init; }

    public required string CodeChallenge { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Set on the first redemption attempt, successful or not.</summary>
    public bool Redeemed { get; set; }

    /// <summary>The refresh token the code was exchanged for, revoked if the code is replayed (RFC 6749 §4.1.2).</summary>
    public string? RefreshToken { get; set; }
}
