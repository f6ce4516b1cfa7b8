using System.Net;
using System.Text.Json;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

/// <summary>The sandbox OpenID Connect provider: discovery, the sign-in page, code + PKCE, tokens, refresh, logout, CORS.</summary>
public sealed class IdentityProviderTests : SandboxTest
{
    private OidcClient? oidc;

    private OidcClient Oidc => oidc ??= Own(new OidcClient(Sandbox));

    [Fact]
    public async Task Discovery_Document_NamesTheEndpointsAndWhatTheProviderSupports()
    {
        using var response = await Oidc.Http.GetAsync(Sandbox.IdentityMetadataAddress);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Json.ReadAsync(response);
        var issuer = Sandbox.IdentityIssuer;
        Assert.Equal(Sandbox.BaseUrl + "/idp", issuer);
        Assert.Equal(issuer + "/.well-known/openid-configuration", Sandbox.IdentityMetadataAddress);
        Assert.Equal(issuer, document.Str("issuer"));
        Assert.Equal(issuer + "/authorize", document.Str("authorization_endpoint"));
        Assert.Equal(issuer + "/token", document.Str("token_endpoint"));
        Assert.Equal(issuer + "/jwks", document.Str("jwks_uri"));
        Assert.Equal(issuer + "/logout", document.Str("end_session_endpoint"));
        Assert.Equal(["code"], Strings(document, "response_types_supported"));
        Assert.Equal(["S256"], Strings(document, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "refresh_token"], Strings(document, "grant_types_supported"));
        Assert.Equal(["RS256"], Strings(document, "id_token_signing_alg_values_supported"));
        Assert.Equal(["public"], Strings(document, "subject_types_supported"));
        Assert.Equal(["none"], Strings(document, "token_endpoint_auth_methods_supported"));
        Assert.Contains("openid", Strings(document, "scopes_supported"));
        Assert.Contains("offline_access", Strings(document, "scopes_supported"));
    }

    [Fact]
    public async Task Authorize_ValidRequest_ShowsTheAccessibleSignInPage()
    {
        var (_, challenge) = OidcClient.NewPkce();

        using var response = await Oidc.GetAuthorizeAsync(OidcClient.AuthorizeParameters(challenge));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Sign in to the AutoBooking sandbox</h1>", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in as Ada Lovelace (traveler)</button>", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in as Grace Hopper (traveler)</button>", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in as Olivia Operator (operator)</button>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"user_id\">User id</label>", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" id=\"operator\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"operator\">Operator</label>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Sign in</button>", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"code_challenge\" value=\"{challenge}\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"redirect_uri\" value=\"http://localhost:5173/auth/callback\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeFlow_PresetOperator_TokensValidateAgainstTheJwks()
    {
        var tokens = await Oidc.TokensForAsync(("user", "sandbox-olivia"));

        Assert.Equal("Bearer", tokens.Str("token_type"));
        Assert.Equal(3600, tokens.GetProperty("expires_in").GetInt32());
        Assert.Equal("openid profile offline_access", tokens.Str("scope"));
        Assert.False(string.IsNullOrEmpty(tokens.Str("refresh_token")));
        var access = await Oidc.ValidateAsync(tokens.Str("access_token"), "api://autobooking");
        Assert.Equal(Sandbox.IdentityIssuer, access.Issuer);
        Assert.Equal("sandbox-olivia", access.Subject);
        Assert.Equal("Olivia Operator", access.GetClaim("name").Value);
        Assert.Equal("sandbox-olivia@example.test", access.GetClaim("email").Value);
        Assert.Equal(["autobooking.operator"], access.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.Equal("RS256", access.Alg);
        Assert.False(string.IsNullOrEmpty(access.Kid));
        Assert.Equal(TimeSpan.FromHours(1), access.ValidTo - access.IssuedAt);
        var id = await Oidc.ValidateAsync(tokens.Str("id_token"), OidcClient.ClientId);
        Assert.Equal("sandbox-olivia", id.Subject);
        Assert.Equal("nonce-1", id.GetClaim("nonce").Value);
        Assert.Equal("Olivia Operator", id.GetClaim("name").Value);
    }

    [Fact]
    public async Task CodeFlow_PresetTraveler_HasNoRoles()
    {
        var tokens = await Oidc.TokensForAsync(("user", "sandbox-ada"));

        var access = await Oidc.ValidateAsync(tokens.Str("access_token"), "api://autobooking");
        Assert.Equal("sandbox-ada", access.Subject);
        Assert.Equal("Ada Lovelace", access.GetClaim("name").Value);
        Assert.False(access.TryGetClaim("roles", out _));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "autobooking.operator")]
    public async Task CodeFlow_CustomUser_IsTheSubjectWithTheOperatorRoleAsTicked(bool isOperator, string? role)
    {
        (string, string)[] form = isOperator ? [("user_id", "tester-7"), ("operator", "true")] : [("user_id", "tester-7")];

        var tokens = await Oidc.TokensForAsync(form);

        var access = await Oidc.ValidateAsync(tokens.Str("access_token"), "api://autobooking");
        Assert.Equal("tester-7", access.Subject);
        Assert.Equal("tester-7@example.test", access.GetClaim("email").Value);
        Assert.Equal(role, access.TryGetClaim("roles", out var roles) ? roles.Value : null);
    }

    [Fact]
    public async Task SignIn_CustomUserIdInvalid_ShowsThePageAgainWithTheProblem()
    {
        var (_, challenge) = OidcClient.NewPkce();

        using var response = await Oidc.PostAuthorizeAsync(OidcClient.AuthorizeParameters(challenge), ("user_id", "not an id!"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"user_id_error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiAudience_Set_IsTheAccessTokensAudience()
    {
        Sandbox.ApiAudience = "api://other";

        var tokens = await Oidc.TokensForAsync(("user", "sandbox-grace"));

        Assert.Equal("sandbox-grace", (await Oidc.ValidateAsync(tokens.Str("access_token"), "api://other")).Subject);
    }

    [Fact]
    public async Task Token_WrongVerifier_InvalidGrant()
    {
        var (_, challenge) = OidcClient.NewPkce();
        var code = await Oidc.SignInAsync(challenge, ("user", "sandbox-ada"));

        using var response = await Oidc.RedeemAsync(code, OidcClient.NewPkce().Verifier);

        await AssertTokenErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task Token_CodeUsedTwice_SecondRefusedAndTheFirstRefreshTokenRevoked()
    {
        var (verifier, challenge) = OidcClient.NewPkce();
        var code = await Oidc.SignInAsync(challenge, ("user", "sandbox-ada"));
        using var first = await Oidc.RedeemAsync(code, verifier);
        var refreshToken = (await Json.ReadAsync(first)).Str("refresh_token");

        using var second = await Oidc.RedeemAsync(code, verifier);
        using var refresh = await Oidc.RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertTokenErrorAsync(second, "invalid_grant");
        await AssertTokenErrorAsync(refresh, "invalid_grant");
    }

    [Fact]
    public async Task Token_RedirectUriDiffers_InvalidGrant()
    {
        var (verifier, challenge) = OidcClient.NewPkce();
        var code = await Oidc.SignInAsync(challenge, ("user", "sandbox-ada"));

        using var response = await Oidc.RedeemAsync(code, verifier, "http://localhost:5173/other");

        await AssertTokenErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task Token_BadRequests_AnswerRfc6749Errors()
    {
        using var unknownCode = await Oidc.RedeemAsync("no-such-code", OidcClient.NewPkce().Verifier);
        using var unknownClient = await Oidc.TokenAsync(("grant_type", "refresh_token"), ("refresh_token", "x"), ("client_id", "other"));
        using var grantType = await Oidc.TokenAsync(("grant_type", "password"), ("client_id", OidcClient.ClientId));
        using var missing = await Oidc.TokenAsync(("grant_type", "authorization_code"), ("client_id", OidcClient.ClientId));

        await AssertTokenErrorAsync(unknownCode, "invalid_grant");
        await AssertTokenErrorAsync(unknownClient, "invalid_client", HttpStatusCode.Unauthorized);
        await AssertTokenErrorAsync(grantType, "unsupported_grant_type");
        await AssertTokenErrorAsync(missing, "invalid_request");
    }

    [Theory]
    [InlineData("https://app.example.com/auth/callback")]
    [InlineData("http://127.0.0.1.example.com/auth/callback")]
    [InlineData("http://localhost:5173/auth/callback#fragment")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/auth/callback")]
    public async Task Authorize_RedirectNotLoopback_ErrorPageNeverARedirect(string redirectUri)
    {
        var (_, challenge) = OidcClient.NewPkce();
        var parameters = OidcClient.AuthorizeParameters(challenge, redirectUri);

        using var shown = await Oidc.GetAuthorizeAsync(parameters);
        using var posted = await Oidc.PostAuthorizeAsync(parameters, ("user", "sandbox-ada"));

        await AssertErrorPageAsync(shown, "redirect_uri");
        await AssertErrorPageAsync(posted, "redirect_uri");
    }

    [Theory]
    [InlineData("code_challenge", null)]
    [InlineData("code_challenge_method", null)]
    [InlineData("code_challenge_method", "plain")]
    [InlineData("client_id", "someone-else")]
    [InlineData("response_type", "token")]
    public async Task Authorize_PkceMissingOrClientWrong_ErrorPageNeverARedirect(string parameter, string? value)
    {
        var parameters = OidcClient.AuthorizeParameters(OidcClient.NewPkce().Challenge);
        if (value is null)
        {
            parameters.Remove(parameter);
        }
        else
        {
            parameters[parameter] = value;
        }

        using var shown = await Oidc.GetAuthorizeAsync(parameters);
        using var posted = await Oidc.PostAuthorizeAsync(parameters, ("user", "sandbox-ada"));

        await AssertErrorPageAsync(shown, parameter.StartsWith("code_challenge", StringComparison.Ordinal) ? "PKCE" : parameter);
        await AssertErrorPageAsync(posted, parameter.StartsWith("code_challenge", StringComparison.Ordinal) ? "PKCE" : parameter);
    }

    [Fact]
    public async Task Refresh_RotatesTheRefreshTokenAndIssuesFreshTokens()
    {
        var tokens = await Oidc.TokensForAsync(("user", "sandbox-olivia"));
        var first = tokens.Str("refresh_token");

        using var refreshed = await Oidc.RefreshAsync(first);
        using var reused = await Oidc.RefreshAsync(first);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var renewed = await Json.ReadAsync(refreshed);
        Assert.NotEqual(first, renewed.Str("refresh_token"));
        var access = await Oidc.ValidateAsync(renewed.Str("access_token"), "api://autobooking");
        Assert.Equal(("sandbox-olivia", "autobooking.operator"), (access.Subject, access.GetClaim("roles").Value));
        var id = await Oidc.ValidateAsync(renewed.Str("id_token"), OidcClient.ClientId);
        Assert.False(id.TryGetClaim("nonce", out _));
        await AssertTokenErrorAsync(reused, "invalid_grant");
        using var again = await Oidc.RefreshAsync(renewed.Str("refresh_token"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost:5173")]
    [InlineData("http://127.0.0.1:4173")]
    public async Task Token_PreflightFromLoopbackOrigin_AllowedWithTheOriginEchoed(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Sandbox.IdentityIssuer + "/token");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await Oidc.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Equal("content-type", Header(response, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Cors_OtherOrigin_GetsNoCorsHeaders()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Sandbox.IdentityIssuer + "/token");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var discovery = new HttpRequestMessage(HttpMethod.Get, Sandbox.IdentityMetadataAddress);
        discovery.Headers.Add("Origin", "https://evil.example");

        using var preflightResponse = await Oidc.Http.SendAsync(preflight);
        using var discoveryResponse = await Oidc.Http.SendAsync(discovery);

        Assert.Equal(HttpStatusCode.Forbidden, preflightResponse.StatusCode);
        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, discoveryResponse.StatusCode);
        Assert.False(discoveryResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/jwks")]
    public async Task Cors_DiscoveryAndJwks_AnswerLoopbackOrigins(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Sandbox.IdentityIssuer + path);
        request.Headers.Add("Origin", "http://localhost:5173");

        using var response = await Oidc.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost:5173", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Logout_LoopbackReturnAddress_RedirectsThereWithTheState()
    {
        using var response = await Oidc.Http.GetAsync(Sandbox.IdentityIssuer
            + "/logout?post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost:5173/") + "&id_token_hint=x&state=s1");
        using var refused = await Oidc.Http.GetAsync(Sandbox.IdentityIssuer
            + "/logout?post_logout_redirect_uri=" + Uri.EscapeDataString("https://evil.example/"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("http://localhost:5173/?state=s1", response.Headers.Location!.ToString());
        await AssertErrorPageAsync(refused, "post_logout_redirect_uri");
    }

    private static string[] Strings(JsonElement document, string property) =>
        [.. document.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static async Task AssertTokenErrorAsync(HttpResponseMessage response, string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(error, body.Str("error"));
        Assert.False(string.IsNullOrEmpty(body.Str("error_description")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response, string mentions)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Sign-in request refused</h1>", html, StringComparison.Ordinal);
        Assert.Contains(mentions, html, StringComparison.Ordinal);
    }
}
