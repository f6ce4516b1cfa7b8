using AutoBooking.Functions.Api;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.Functions.Auth;

/// <summary>
/// Validates the request's bearer token (signature, issuer, audience, lifetime) with Microsoft.IdentityModel
/// and returns the caller's user id (the <c>sub</c> claim), or the problem to answer: 401 for a bad token,
/// 503 when the identity provider's keys cannot be fetched. Signing keys come from the identity provider's
/// OIDC metadata (cached and refreshed by the library) and/or the development key.
/// </summary>
public sealed partial class JwtAuthenticator
{
    private readonly JsonWebTokenHandler handler = new();
    private readonly TokenValidationParameters parameters;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? metadata;

    private readonly ILogger<JwtAuthenticator> logger;
    private readonly string roleClaim;

    public JwtAuthenticator(IOptions<AuthOptions> options, IHttpClientFactory httpClients, ILogger<JwtAuthenticator> logger)
    {
        this.logger = logger;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        var auth = options.Value;
        roleClaim = auth.RoleClaim;
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

    /// <summary>The caller of this request; validated once per request (the middleware's result is reused by the function).</summary>
    public async Task<Caller> AuthenticateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HttpContext.Items.TryGetValue(typeof(Caller), out var known) && known is Caller cached)
        {
            return cached;
        }
        var caller = await ValidateAsync(request);
        request.HttpContext.Items[typeof(Caller)] = caller;
        return caller;
    }

    private async Task<Caller> ValidateAsync(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length > 8192)
        {
            return Caller.Unauthenticated;
        }
        var validation = parameters;
        if (metadata is not null)
        {
            // The library caches the keys and refreshes them (and on a key it has not seen, after a short delay);
            // once it has keys it keeps using them while the provider is unreachable.
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await metadata.GetConfigurationAsync(request.HttpContext.RequestAborted);
            }
            catch (InvalidOperationException exception)
            {
                LogMetadataUnavailable(logger, exception);
                return new Caller(null, Problems.IdentityProviderUnavailable());
            }
            validation = parameters.Clone();
            validation.IssuerSigningKeys = parameters.IssuerSigningKey is null
                ? configuration.SigningKeys
                : [.. configuration.SigningKeys, parameters.IssuerSigningKey];
        }
        var result = await handler.ValidateTokenAsync(header[scheme.Length..].Trim(), validation);
        if (!result.IsValid || !result.Claims.TryGetValue("sub", out var sub) || sub is not string userId
            || userId.Length is 0 or > 200)
        {
            return Caller.Unauthenticated;
        }
        // An array claim becomes one claim per element; a single role may come as a plain string.
        var roles = result.ClaimsIdentity.FindAll(roleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(userId, null) { Roles = roles };
    }

    [LoggerMessage(EventId = Alerts.IdentityProviderKeys.Id, Level = Alerts.IdentityProviderKeys.Level, Message = Alerts.IdentityProviderKeys.Message)]
    private static partial void LogMetadataUnavailable(ILogger logger, Exception exception);
}

/// <summary>Who is calling: <see cref="UserId"/>, or when null, the problem to answer (<see cref="Denied"/>).</summary>
public sealed record Caller(string? UserId, IActionResult? Denied)
{
    /// <summary>The roles the token grants (see <see cref="AuthOptions.RoleClaim"/>); empty for an ordinary traveler.</summary>
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>();

    public static Caller Unauthenticated { get; } = new(null, Problems.Unauthorized());
}
