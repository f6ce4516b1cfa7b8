using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Trips;

/// <summary>
/// <c>GET /api/trips/{id}/payment-action</c>: what the confirm-payment page needs to authenticate the card on-session
/// (client secret, amount, deadline). Another user's trip is a 404; 409 when no payment awaits authentication.
/// </summary>
public sealed class PaymentActionFunction(JwtAuthenticator auth, PaymentActionApi paymentActions)
{
    [Function(nameof(PaymentActionFunction))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "trips/{id}/payment-action")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        if (!Guid.TryParse(id, out var tripId) || await paymentActions.GetAsync(tripId, userId, cancellationToken) is not { } found)
        {
            return Problems.NotFound();
        }
        // The client secret lets a browser confirm the payment: never cached on the way.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return found.Action is { } action ? new OkObjectResult(action) : Problems.NoPaymentAction(found.TripStatus);
    }
}
