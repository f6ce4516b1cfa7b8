using System.Text;
using System.Text.Encodings.Web;

namespace AutoBooking.Sandbox.Identity;

/// <summary>The sign-in page and the error page: plain, accessible HTML (one h1, labelled controls, no script).</summary>
internal static class AuthorizePage
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
        button { font: inherit; padding: .5rem 1rem; margin: .25rem 0; display: block; }
        input[type=text] { font: inherit; padding: .25rem; }
        .error { color: #a00; }
        :focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
        """;

    public static IResult SignIn(string action, AuthorizationRequest request, string? userIdProblem = null, string? userId = null)
    {
        var html = new StringBuilder();
        html.Append("<main><h1>Sign in to the AutoBooking sandbox</h1>")
            .Append("<p>This is the local test identity provider. Choose a test user, or sign in as anyone else.</p>")
            .Append("<section aria-labelledby=\"presets\"><h2 id=\"presets\">Test users</h2>");
        html.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">");
        AppendHidden(html, request);
        foreach (var user in SandboxUser.Presets)
        {
            html.Append("<button type=\"submit\" name=\"user\" value=\"").Append(Encode(user.Subject)).Append("\">")
                .Append(Encode(user.ButtonText)).Append("</button>");
        }
        html.Append("</form></section>");
        html.Append("<section aria-labelledby=\"custom\"><h2 id=\"custom\">Someone else</h2>");
        html.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">");
        AppendHidden(html, request);
        html.Append("<p><label for=\"user_id\">User id</label> <input type=\"text\" id=\"user_id\" name=\"user_id\" required")
            .Append(" maxlength=\"64\" autocomplete=\"off\" aria-describedby=\"user_id_hint")
            .Append(userIdProblem is null ? "\"" : " user_id_error\" aria-invalid=\"true\"")
            .Append(" value=\"").Append(Encode(userId ?? "")).Append("\"></p>")
            .Append("<p id=\"user_id_hint\">Letters, digits, dots, dashes and underscores; it becomes the token's subject.</p>");
        if (userIdProblem is not null)
        {
            html.Append("<p id=\"user_id_error\" class=\"error\" role=\"alert\">").Append(Encode(userIdProblem)).Append("</p>");
        }
        html.Append("<p><input type=\"checkbox\" id=\"operator\" name=\"operator\" value=\"true\"> <label for=\"operator\">Operator</label></p>")
            .Append("<button type=\"submit\">Sign in</button></form></section></main>");
        return Page("Sign in — AutoBooking sandbox", html.ToString(), userIdProblem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>A refused request: shown, never redirected, since the redirect URI itself may be what is wrong.</summary>
    public static IResult Error(string problem) =>
        Page("Sign-in request refused — AutoBooking sandbox",
            "<main><h1>Sign-in request refused</h1><p role=\"alert\">" + Encode(problem) + "</p></main>",
            StatusCodes.Status400BadRequest);

    public static IResult SignedOut() =>
        Page("Signed out — AutoBooking sandbox", "<main><h1>You are signed out</h1><p>You can close this page.</p></main>", StatusCodes.Status200OK);

    private static void AppendHidden(StringBuilder html, AuthorizationRequest request)
    {
        foreach (var (name, value) in request.HiddenFields())
        {
            html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(Encode(value)).Append("\">");
        }
    }

    private static IResult Page(string title, string body, int status) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{Encode(title)}</title><style>{Style}</style></head><body>{body}</body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
