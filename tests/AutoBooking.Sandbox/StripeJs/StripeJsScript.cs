using System.Text;

namespace AutoBooking.Sandbox.StripeJs;

/// <summary>
/// Serves <c>stripe-v3.js</c> (an embedded resource) at <c>/stripe-js/v3</c>: the web app injects it instead of
/// https://js.stripe.com/v3 when it runs against the sandbox, and @stripe/stripe-js's loadStripe then finds
/// <c>window.Stripe</c> already defined.
/// </summary>
internal static class StripeJsScript
{
    public const string Path = "/stripe-js/v3";

    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = typeof(StripeJsScript).Assembly.GetManifestResourceStream("AutoBooking.Sandbox.StripeJs.stripe-v3.js")
            ?? throw new InvalidOperationException("stripe-v3.js is not embedded in the sandbox assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapMethods(Path, ["GET", "HEAD"], context =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            // The sandbox changes with the checkout; a browser should not keep an old copy.
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Content(Source.Value, "application/javascript; charset=utf-8", Encoding.UTF8).ExecuteAsync(context);
        });
}
