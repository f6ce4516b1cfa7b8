using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>Mints bearer tokens like the development issuer does, and broken ones for the auth tests.</summary>
public static class TestTokens
{
    public const string Issuer = "https://auth.autobooking.test/";
    public const string Audience = "autobooking-api";

    /// <summary>The test signing key (32 bytes, base64): only ever used against test hosts.</summary>
    public const string SigningKey = "dGVzdC1zaWduaW5nLWtleS1mb3ItYXV0b2Jvb2tpbmctMzI=";

    public static string For(string userId, string? audience = null, string? key = null, DateTime? expires = null, string issuer = Issuer)
    {
        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId)]),
            NotBefore = expiry < now ? expiry.AddMinutes(-10) : now.AddMinutes(-1),
            IssuedAt = expiry < now ? expiry.AddMinutes(-10) : now.AddMinutes(-1),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(key ?? SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
