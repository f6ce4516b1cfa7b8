using System.Diagnostics.CodeAnalysis;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Identity;

/// <summary>
/// The parameters of an authorization request (from the GET's query, or the POST's hidden fields, re-checked since a
/// form can be edited): the one public client, a loopback redirect URI, response type <c>code</c> and PKCE with S256.
/// </summary>
internal sealed record AuthorizationRequest(string RedirectUri, string Scope, string? State, string? Nonce, string CodeChallenge)
{
    public const string ClientId = "autobooking-web";

    /// <summary>The names the page carries in hidden fields, in this order.</summary>
    public static readonly string[] ParameterNames =
        ["response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method"];

    public static bool TryParse(Func<string, string?> read, [NotNullWhen(true)] out AuthorizationRequest? request, [NotNullWhen(false)] out string? problem)
    {
        request = null;
        if (read("client_id") != ClientId)
        {
            problem = $"Unknown client_id '{read("client_id")}'. The sandbox knows one public client, '{ClientId}'.";
            return false;
        }
        if (!IsLoopbackRedirect(read("redirect_uri"), out var redirectUri))
        {
            problem = "redirect_uri must be an absolute http(s) URL on 127.0.0.1 or localhost (any port), without a fragment: "
                + "the sandbox signs in local apps only.";
            return false;
        }
        if (read("response_type") != "code")
        {
            problem = "response_type must be 'code' (authorization code flow).";
            return false;
        }
        var challenge = read("code_challenge");
        if (challenge is null || read("code_challenge_method") != "S256")
        {
            problem = "PKCE is required: send code_challenge with code_challenge_method=S256 (plain is not accepted).";
            return false;
        }
        if (challenge.Length != 43 || !challenge.All(Pkce.IsBase64UrlCharacter))
        {
            problem = "code_challenge must be the base64url SHA-256 of the code verifier (43 characters).";
            return false;
        }
        var scope = read("scope") ?? "openid";
        if (!scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
        {
            problem = "scope must include 'openid'.";
            return false;
        }
        request = new AuthorizationRequest(redirectUri, scope, read("state"), read("nonce"), challenge);
        problem = null;
        return true;
    }

    /// <summary>A redirect URI the sandbox may send a browser to: http(s) on loopback, no fragment (RFC 6749 §3.1.2).</summary>
    public static bool IsLoopbackRedirect(string? value, [NotNullWhen(true)] out string? redirectUri)
    {
        redirectUri = null;
        if (value is null || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || !LoopbackCors.IsLoopback(uri) || uri.Fragment.Length > 0
            || value.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }
        redirectUri = value;
        return true;
    }

    /// <summary>The parameters as they arrived, for the page's hidden fields.</summary>
    public IEnumerable<(string Name, string Value)> HiddenFields()
    {
        yield return ("response_type", "code");
        yield return ("client_id", ClientId);
        yield return ("redirect_uri", RedirectUri);
        yield return ("scope", Scope);
        if (State is not null)
        {
            yield return ("state", State);
        }
        if (Nonce is not null)
        {
            yield return ("nonce", Nonce);
        }
        yield return ("code_challenge", CodeChallenge);
        yield return ("code_challenge_method", "S256");
    }
}
