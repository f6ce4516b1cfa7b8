using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// The <c>next_action</c> of an intent waiting for 3-D Secure, shaped as Stripe's (<c>use_stripe_sdk</c>, handled
/// by Stripe.js). <c>stripe_js</c> is where the sandbox's Stripe.js stand-in posts the cardholder's answer; real
/// Stripe points it at its hosted challenge instead.
/// </summary>
internal static class StripeNextAction
{
    public static JsonObject ThreeDSecure(string? authenticationUrl) => new()
    {
        ["type"] = "use_stripe_sdk",
        ["use_stripe_sdk"] = new JsonObject
        {
            ["type"] = "three_d_secure_redirect",
            ["stripe_js"] = authenticationUrl,
        },
    };
}
