using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>A Stripe answer before it is written, so it can also be stored for idempotent replay.</summary>
internal sealed record StripeReply(int Status, JsonObject Body)
{
    /// <summary>
    /// Stripe saves an idempotent result once the endpoint has started executing: successes and card errors.
    /// Requests rejected up front (bad parameters, unknown ids) are not saved and may be retried with the key.
    /// </summary>
    public bool IsSaved => Status < 400 || Status == StatusCodes.Status402PaymentRequired;

    public string Json => Wire.Serialize(Body);

    public static StripeReply Ok(JsonObject body) => new(StatusCodes.Status200OK, body);
}
