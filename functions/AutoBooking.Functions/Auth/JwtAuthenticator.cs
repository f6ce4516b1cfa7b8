using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.Functions.Auth;

/// <summary>
/// Validates the request's bearer token (signature, issuer, audience, lifetime) with Microsoft.IdentityModel
/// and returns the caller's user id (the <c>sub</c> claim), or null.
/// </summary>
public sealed class JwtAuthenticator
{
    private readonly JsonWebTokenHandler handler = new();
    private readonly TokenValidationParameters parameters;

    public JwtAuthenticator(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var auth = options.Value;
        parameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Issuer,
            ValidAudience = auth.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(auth.SigningKey)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
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
        var result = await handler.ValidateTokenAsync(header[scheme.Length..].Trim(), parameters);
        if (!result.IsValid || !result.Claims.TryGetValue("sub", out var sub) || sub is not string userId
            || userId.Length is 0 or > 200)
        {
            return null;
        }
        return userId;
    }
}
