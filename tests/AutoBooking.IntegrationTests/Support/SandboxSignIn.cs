using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoBooking.Sandbox;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Signs in at the sandbox identity provider as the web app does (authorization code + PKCE, the sign-in page's form
/// posted for a preset user) and answers the access token.
/// </summary>
public static class SandboxSignIn
{
    private const string RedirectUri = "http://localhost:5173/auth/callback";

    public static async Task<string> AccessTokenAsync(SandboxServer sandbox, string presetUser)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        using var signIn = await http.PostAsync(sandbox.IdentityIssuer + "/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = "autobooking-web",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid profile offline_access",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["user"] = presetUser,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var code = QueryHelpers.ParseQuery(signIn.Headers.Location!.Query)["code"].ToString();
        using var token = await http.PostAsync(sandbox.IdentityIssuer + "/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "autobooking-web",
            ["redirect_uri"] = RedirectUri,
            ["code"] = code,
            ["code_verifier"] = verifier,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }
}
