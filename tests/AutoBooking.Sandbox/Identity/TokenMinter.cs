using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.Sandbox.Identity;

/// <summary>
/// Signs the identity provider's tokens with an RSA key made when the sandbox starts (RS256, <c>kid</c> = the key's
/// RFC 7638 thumbprint) and publishes its public half as a JWKS. A restarted sandbox has a new key, so tokens from
/// an earlier run stop validating, as after a key rotation.
/// </summary>
internal sealed class TokenMinter : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly RSA rsa = RSA.Create(2048);
    private readonly SigningCredentials credentials;
    private readonly JsonWebKey publicKey;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenMinter()
    {
        publicKey = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)));
        publicKey.Kid = Base64UrlEncoder.Encode(publicKey.ComputeJwkThumbprint());
        credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = publicKey.Kid }, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The API's token: audience the API, the user's name, email and (for operators) roles.</summary>
    public string AccessToken(string issuer, string audience, Grant grant, DateTimeOffset now)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = grant.User.Subject,
            ["name"] = grant.User.Name,
            ["email"] = grant.User.Email,
            ["scope"] = grant.Scope,
            ["client_id"] = AuthorizationRequest.ClientId,
        };
        if (grant.User.IsOperator)
        {
            claims["roles"] = new[] { SandboxUser.OperatorRole };
        }
        return Sign(issuer, audience, claims, now);
    }

    /// <summary>The client's ID token: audience the client, the nonce of the sign-in (not repeated on refresh).</summary>
    public string IdToken(string issuer, Grant grant, DateTimeOffset now, bool withNonce)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = grant.User.Subject,
            ["name"] = grant.User.Name,
            ["email"] = grant.User.Email,
            ["auth_time"] = grant.AuthenticatedAt.ToUnixTimeSeconds(),
        };
        if (withNonce && grant.Nonce is not null)
        {
            claims["nonce"] = grant.Nonce;
        }
        if (grant.User.IsOperator)
        {
            claims["roles"] = new[] { SandboxUser.OperatorRole };
        }
        return Sign(issuer, AuthorizationRequest.ClientId, claims, now);
    }

    public JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(new JsonObject
        {
            ["kty"] = publicKey.Kty,
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["kid"] = publicKey.Kid,
            ["n"] = publicKey.N,
            ["e"] = publicKey.E,
        }),
    };

    public void Dispose() => rsa.Dispose();

    private string Sign(string issuer, string audience, Dictionary<string, object> claims, DateTimeOffset now) =>
        handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = credentials,
        });
}
