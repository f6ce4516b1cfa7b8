using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.Functions.Auth;

/// <summary>
/// Validates the request's bearer token (signature, issuer, audience, lifetime) with Microsoft.IdentityModel
/// and returns the caller's user id (the <c>sub</c> claim), or null. Signing keys come from the identity
/// provider's OIDC metadata (cached and refreshed by the library) and/or the development key.
/// </summary>
public sealed class JwtAuthenticator
{
    private readonly JsonWebTokenHandler handler = new();
    private readonly TokenValidationParameters parameters;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? metadata;

    public JwtAuthenticator(IOptions<AuthOptions> options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        var auth = options.Value;
        parameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            parameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(auth.SigningKey));
        }
        if (!string.IsNullOrWhiteSpace(auth.MetadataAddress))
        {
            metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                auth.MetadataAddress,
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(httpClients.CreateClient(nameof(JwtAuthenticator))) { RequireHttps = !auth.AllowHttpMetadata });
        }
    }

    public async Task<string?> AuthenticateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length > 8192)
        {
            return null;
        }
        var validation = parameters;
        if (metadata is not null)
        {
            // The library caches the keys and refreshes them (and on a key it has not seen, after a short delay).
            var configuration = await metadata.GetConfigurationAsync(request.HttpContext.RequestAborted);
            validation = parameters.Clone();
            validation.IssuerSigningKeys = parameters.IssuerSigningKey is null
                ? configuration.SigningKeys
                : [.. configuration.SigningKeys, parameters.IssuerSigningKey];
        }
        var result = await handler.ValidateTokenAsync(header[scheme.Length..].Trim(), validation);
        if (!result.IsValid || !result.Claims.TryGetValue("sub", out var sub) || sub is not string userId
            || userId.Length is 0 or > 200)
        {
            return null;
        }
        return userId;
    }
}
