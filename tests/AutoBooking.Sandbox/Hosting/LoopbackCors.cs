namespace AutoBooking.Sandbox.Hosting;

/// <summary>
/// CORS for pages served from this machine: a browser app on http://localhost:5173 (or any loopback origin) may call
/// the identity provider's discovery, JWKS and token endpoints and the Stripe API, as oidc-client-ts and Stripe.js
/// call the real ones. Other origins get no CORS headers, so their browsers refuse the answer: the sandbox is for
/// local use only.
/// </summary>
internal static class LoopbackCors
{
    private const string DefaultAllowedHeaders = "Authorization, Content-Type";

    /// <summary>http(s) on localhost, 127.0.0.0/8 or [::1], any port.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.IsLoopback;

    /// <summary>Adds the CORS headers for a loopback Origin and answers preflight requests itself (before any API-key gate).</summary>
    public static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var allowed = Uri.TryCreate(origin, UriKind.Absolute, out var uri) && IsLoopback(uri) && uri.AbsolutePath == "/";
        if (allowed)
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.Vary = "Origin";
        }
        var preflight = HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.AccessControlRequestMethod.Count > 0;
        if (!preflight)
        {
            await next(context);
            return;
        }
        if (!allowed)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("The sandbox answers cross-origin requests from loopback origins only.");
            return;
        }
        var requestedHeaders = context.Request.Headers.AccessControlRequestHeaders.ToString();
        context.Response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
        context.Response.Headers.AccessControlAllowHeaders = requestedHeaders.Length > 0 ? requestedHeaders : DefaultAllowedHeaders;
        context.Response.Headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
