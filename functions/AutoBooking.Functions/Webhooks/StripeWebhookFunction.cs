using AutoBooking.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AutoBooking.Functions.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/stripe</c>: anonymous, so the signature is checked before anything else (Stripe.net's
/// own verifier). A forged, stale or malformed call is a 400 and changes nothing; a redelivered event is a 200
/// that does nothing. A PaymentIntent authenticated on-session resumes its booking saga (hence the Durable client).
/// </summary>
public sealed class StripeWebhookFunction(WebhookHandler webhooks)
{
    [Function(nameof(StripeWebhookFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/stripe")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await RawBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return Problems.PayloadTooLarge(RawBody.MaxBytes);
        }
        return await webhooks.HandleStripeAsync(request.Headers["Stripe-Signature"].ToString(), body, durable, cancellationToken)
            ? new OkResult()
            : Problems.InvalidWebhook();
    }
}
