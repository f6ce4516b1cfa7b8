using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.Sandbox.Tests.Support;

/// <summary>
/// The sandbox identity provider driven as a browser and oidc-client-ts drive it: the sign-in page's form posted
/// (no redirects followed), the code redeemed with its PKCE verifier, tokens checked against the JWKS.
/// </summary>
public sealed class OidcClient(SandboxServer sandbox) : IDisposable
{
    public const string ClientId = "autobooking-web";
    public const string RedirectUri = "http://localhost:5173/auth/callback";

    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public HttpClient Http => http;

    public string Issuer => sandbox.IdentityIssuer;

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The authorization request's parameters, as the page carries them in hidden fields.</summary>
    public static Dictionary<string, string> AuthorizeParameters(string challenge, string redirectUri = RedirectUri) => new()
    {
        ["response_type"] = "code",
        ["client_id"] = ClientId,
        ["redirect_uri"] = redirectUri,
        ["scope"] = "openid profile offline_access",
        ["state"] = "state-1",
        ["nonce"] = "nonce-1",
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
    };

    public Task<HttpResponseMessage> GetAuthorizeAsync(IDictionary<string, string> parameters) =>
        http.GetAsync(Issuer + "/authorize?" + string.Join("&", parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value))));

    /// <summary>Posts the sign-in page's form with the extra fields (a preset's <c>user</c>, or <c>user_id</c>/<c>operator</c>).</summary>
    public Task<HttpResponseMessage> PostAuthorizeAsync(IDictionary<string, string> parameters, params (string Name, string Value)[] extra)
    {
        var fields = parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))
            .Concat(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return http.PostAsync(Issuer + "/authorize", new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs in (asserting the 302 to the redirect URI with state and iss) and returns the code.</summary>
    public async Task<string> SignInAsync(string challenge, params (string Name, string Value)[] user)
    {
        using var response = await PostAuthorizeAsync(AuthorizeParameters(challenge), user);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.ToString(), StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("state-1", query["state"].ToString());
        Assert.Equal(Issuer, query["iss"].ToString());
        return query["code"].ToString();
    }

    public Task<HttpResponseMessage> RedeemAsync(string code, string verifier, string redirectUri = RedirectUri) =>
        TokenAsync(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectUri), ("client_id", ClientId), ("code_verifier", verifier));

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync(("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", ClientId));

    public Task<HttpResponseMessage> TokenAsync(params (string Name, string Value)[] fields) =>
        http.PostAsync(Issuer + "/token", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>Signs in as <paramref name="user"/> and redeems the code (200 asserted): the token response.</summary>
    public async Task<JsonElement> TokensForAsync(params (string Name, string Value)[] user)
    {
        var (verifier, challenge) = NewPkce();
        var code = await SignInAsync(challenge, user);
        using var response = await RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    /// <summary>Validates a token as the API does: keys from the provider's JWKS, issuer and audience exact, RS256.</summary>
    public async Task<JsonWebToken> ValidateAsync(string token, string audience)
    {
        var jwks = new JsonWebKeySet(await http.GetStringAsync(Issuer + "/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    public void Dispose() => http.Dispose();
}
