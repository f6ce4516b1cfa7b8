using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// An OpenID Connect provider on 127.0.0.1 that publishes its metadata and JWKS (an RSA key) and mints RS256
/// tokens, so the production path of token validation (keys fetched from metadata) runs for real. Served by a
/// <see cref="LoopbackServer"/>.
/// </summary>
public sealed class LocalIdentityProvider : IAsyncDisposable
{
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-key-1" };
    private LoopbackServer server = null!;

    public string Issuer { get; private set; } = "";

    public string MetadataAddress => Issuer + ".well-known/openid-configuration";

    public static async Task<LocalIdentityProvider> StartAsync()
    {
        var provider = new LocalIdentityProvider();
        provider.server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/openid-configuration", () => new Dictionary<string, object>
            {
                ["issuer"] = provider.Issuer,
                ["jwks_uri"] = provider.Issuer + "jwks",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
            app.MapGet("/jwks", () =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(provider.key.Rsa.ExportParameters(false)) { KeyId = provider.key.KeyId });
                return new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } };
            });
        });
        provider.Issuer = provider.server.Address.OriginalString;
        return provider;
    }

    /// <summary>An RS256 token from this provider (or signed with <paramref name="otherKey"/> to forge one).</summary>
    public string TokenFor(string userId, string audience, RsaSecurityKey? otherKey = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId)]),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(otherKey ?? key, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        key.Rsa.Dispose();
    }
}
