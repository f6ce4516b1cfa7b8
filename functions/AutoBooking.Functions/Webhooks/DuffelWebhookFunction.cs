using AutoBooking.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AutoBooking.Functions.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/duffel</c>: anonymous, so <c>X-Duffel-Signature</c> is checked before anything else.
/// Forged, stale or malformed calls are a 400 and change nothing; redeliveries are acknowledged and skipped. A
/// schedule change the traveler could not be emailed about yet is a 500 on purpose: Duffel redelivers it. The
/// Durable client lets Duffel's order reports wake a saga that is reconciling an order whose creation had an unknown
/// outcome.
/// </summary>
public sealed class DuffelWebhookFunction(WebhookHandler webhooks)
{
    [Function(nameof(DuffelWebhookFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/duffel")] HttpRequest request,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await RawBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return Problems.PayloadTooLarge(RawBody.MaxBytes);
        }
        return await webhooks.HandleDuffelAsync(request.Headers["X-Duffel-Signature"].ToString(), body, durable, cancellationToken)
            ? new OkResult()
            : Problems.InvalidWebhook();
    }
}
