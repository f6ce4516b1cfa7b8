using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace AutoBooking.Sandbox.Identity;

/// <summary>
/// An OpenID Connect provider under <c>/idp</c> for local sign-in: authorization code with PKCE (S256) for the one
/// public client <c>autobooking-web</c>, a sign-in page with preset test users, refresh tokens, RS256 tokens whose
/// keys are in the JWKS. Codes and refresh tokens live in memory, under one lock.
/// </summary>
internal sealed class IdentityApi(Func<string> baseUrl, TimeProvider time) : IDisposable
{
    public const string Prefix = "/idp";

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private readonly Lock gate = new();
    private readonly Dictionary<string, IssuedCode> codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> refreshTokens = new(StringComparer.Ordinal);
    private readonly TokenMinter minter = new();
    private volatile string audience = "api://autobooking";

    public string Issuer => baseUrl() + Prefix;

    /// <summary>The access token's <c>aud</c>: the API the tokens are for.</summary>
    public string Audience
    {
        get => audience;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            audience = value;
        }
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapReply("GET", "/.well-known/openid-configuration", _ => Wire.Json(Discovery(), StatusCodes.Status200OK));
        routes.MapReply("GET", "/jwks", _ => Wire.Json(minter.Jwks(), StatusCodes.Status200OK));
        routes.MapReply("GET", "/authorize", ShowSignIn);
        routes.MapReply("POST", "/authorize", SignInAsync);
        routes.MapReply("POST", "/token", TokenAsync);
        routes.MapReply("GET", "/logout", Logout);
    }

    public void Dispose() => minter.Dispose();

    private JsonObject Discovery()
    {
        var issuer = Issuer;
        return new JsonObject
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = issuer + "/authorize",
            ["token_endpoint"] = issuer + "/token",
            ["jwks_uri"] = issuer + "/jwks",
            ["end_session_endpoint"] = issuer + "/logout",
            ["response_types_supported"] = new JsonArray("code"),
            ["response_modes_supported"] = new JsonArray("query"),
            ["grant_types_supported"] = new JsonArray("authorization_code", "refresh_token"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("none"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
            ["claims_supported"] = new JsonArray("sub", "name", "email", "roles", "nonce", "auth_time"),
            ["authorization_response_iss_parameter_supported"] = true,
        };
    }

    private IResult ShowSignIn(HttpContext context)
    {
        var query = context.Request.Query;
        return AuthorizationRequest.TryParse(name => Value(query[name]), out var request, out var problem)
            ? AuthorizePage.SignIn(Issuer + "/authorize", request)
            : AuthorizePage.Error(problem);
    }

    /// <summary>The page's POST: a preset user's button (<c>user</c>) or the custom form (<c>user_id</c>, <c>operator</c>).</summary>
    private async Task<IResult> SignInAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return AuthorizePage.Error("The sign-in page posts a form; this request did not.");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!AuthorizationRequest.TryParse(name => Value(form[name]), out var request, out var problem))
        {
            return AuthorizePage.Error(problem);
        }
        SandboxUser? user;
        if (Value(form["user"]) is { } preset)
        {
            user = SandboxUser.Presets.FirstOrDefault(u => u.Subject == preset);
            if (user is null)
            {
                return AuthorizePage.Error($"'{preset}' is not one of the sandbox's test users.");
            }
        }
        else
        {
            var userId = Value(form["user_id"])?.Trim() ?? "";
            user = SandboxUser.Custom(userId, Value(form["operator"]) == "true");
            if (user is null)
            {
                return AuthorizePage.SignIn(Issuer + "/authorize", request,
                    "Enter a user id of 1 to 64 letters, digits, dots, dashes or underscores.", userId);
            }
        }
        var now = time.GetUtcNow();
        var code = NewSecret();
        lock (gate)
        {
            codes[code] = new IssuedCode
            {
                Grant = new Grant(user, request.Scope, request.Nonce, now),
                RedirectUri = request.RedirectUri,
                CodeChallenge = request.CodeChallenge,
                ExpiresAt = now + CodeLifetime,
            };
        }
        var parameters = new Dictionary<string, string?> { ["code"] = code };
        if (request.State is not null)
        {
            parameters["state"] = request.State;
        }
        // RFC 9207: the issuer in the response, so a client talking to several providers can tell which answered.
        parameters["iss"] = Issuer;
        return Results.Redirect(QueryHelpers.AddQueryString(request.RedirectUri, parameters));
    }

    /// <summary>The token endpoint (RFC 6749 §3.2): a form POST; errors as <c>{"error":…,"error_description":…}</c>.</summary>
    private async Task<IResult> TokenAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
        {
            return TokenError("invalid_request", "The token request must be application/x-www-form-urlencoded.");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var clientId = Value(form["client_id"]);
        if (clientId is null)
        {
            return TokenError("invalid_request", "Missing client_id (the client is public: it names itself, with no secret).");
        }
        if (clientId != AuthorizationRequest.ClientId)
        {
            return TokenError("invalid_client", $"Unknown client '{clientId}'.", StatusCodes.Status401Unauthorized);
        }
        return Value(form["grant_type"]) switch
        {
            "authorization_code" => RedeemCode(Value(form["code"]), Value(form["redirect_uri"]), Value(form["code_verifier"])),
            "refresh_token" => Refresh(Value(form["refresh_token"])),
            null => TokenError("invalid_request", "Missing grant_type."),
            var other => TokenError("unsupported_grant_type", $"grant_type '{other}' is not supported; use authorization_code or refresh_token."),
        };
    }

    private IResult RedeemCode(string? code, string? redirectUri, string? verifier)
    {
        if (code is null || redirectUri is null || verifier is null)
        {
            return TokenError("invalid_request", "An authorization_code grant needs code, redirect_uri and code_verifier.");
        }
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!codes.TryGetValue(code, out var issued))
            {
                return TokenError("invalid_grant", "Unknown authorization code.");
            }
            if (issued.Redeemed)
            {
                // A replayed code may be a stolen one: what it bought is revoked (RFC 6749 §4.1.2).
                if (issued.RefreshToken is not null)
                {
                    refreshTokens.Remove(issued.RefreshToken);
                }
                return TokenError("invalid_grant", "The authorization code has already been used.");
            }
            issued.Redeemed = true;
            if (now >= issued.ExpiresAt)
            {
                return TokenError("invalid_grant", "The authorization code has expired (codes are valid for 5 minutes).");
            }
            if (redirectUri != issued.RedirectUri)
            {
                return TokenError("invalid_grant", "redirect_uri differs from the one the code was issued for.");
            }
            if (!Pkce.Verifies(verifier, issued.CodeChallenge))
            {
                return TokenError("invalid_grant", "code_verifier does not match the code_challenge (S256).");
            }
            issued.RefreshToken = NewSecret();
            refreshTokens[issued.RefreshToken] = issued.Grant;
            return Tokens(issued.Grant, issued.RefreshToken, now, withNonce: true);
        }
    }

    /// <summary>Refresh tokens rotate: each use answers a new one and the old one stops working.</summary>
    private IResult Refresh(string? refreshToken)
    {
        if (refreshToken is null)
        {
            return TokenError("invalid_request", "A refresh_token grant needs refresh_token.");
        }
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!refreshTokens.Remove(refreshToken, out var grant))
            {
                return TokenError("invalid_grant", "Unknown, used or revoked refresh token.");
            }
            var next = NewSecret();
            refreshTokens[next] = grant;
            return Tokens(grant, next, now, withNonce: false);
        }
    }

    private IResult Tokens(Grant grant, string refreshToken, DateTimeOffset now, bool withNonce)
    {
        var issuer = Issuer;
        return Wire.Json(new JsonObject
        {
            ["access_token"] = minter.AccessToken(issuer, audience, grant, now),
            ["id_token"] = minter.IdToken(issuer, grant, now, withNonce),
            ["refresh_token"] = refreshToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)TokenMinter.Lifetime.TotalSeconds,
            ["scope"] = grant.Scope,
        }, StatusCodes.Status200OK);
    }

    /// <summary>RP-initiated logout: the sandbox keeps no session, so it only sends the browser back (loopback only).</summary>
    private IResult Logout(HttpContext context)
    {
        var query = context.Request.Query;
        if (Value(query["post_logout_redirect_uri"]) is not { } target)
        {
            return AuthorizePage.SignedOut();
        }
        if (!AuthorizationRequest.IsLoopbackRedirect(target, out var redirectUri))
        {
            return AuthorizePage.Error("post_logout_redirect_uri must be an absolute http(s) URL on 127.0.0.1 or localhost (any port).");
        }
        return Value(query["state"]) is { } state
            ? Results.Redirect(QueryHelpers.AddQueryString(redirectUri, "state", state))
            : Results.Redirect(redirectUri);
    }

    private static IResult TokenError(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Wire.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, status);

    private static string? Value(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 && values[0] is { Length: > 0 } value ? value : null;

    private static string NewSecret() => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
