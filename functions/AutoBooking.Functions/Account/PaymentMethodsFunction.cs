using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Account;

/// <summary>
/// <c>/api/payment-methods</c>: start saving a card (a Stripe SetupIntent for off-session use), list saved cards
/// (brand, last4, expiry), remove one (detached at Stripe). The card itself is recorded when Stripe's
/// <c>setup_intent.succeeded</c> webhook arrives.
/// </summary>
public sealed class PaymentMethodsFunction(JwtAuthenticator auth, PaymentMethodApi paymentMethods)
{
    [Function("CreateSetupIntentFunction")]
    public async Task<IActionResult> StartSetup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payment-methods/setup-intents")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        var (key, problem) = IdempotencyKey.Read(request);
        if (problem is not null)
        {
            return problem;
        }
        // Stripe keeps the key (scoped to the user): a retry answers the same SetupIntent, even while the first is in flight.
        var setup = await paymentMethods.StartSetupAsync(userId, key ?? Guid.NewGuid().ToString("N"), cancellationToken);
        return setup is null ? Problems.PaymentMethodLimit(PaymentMethodApi.MaxPaymentMethodsPerUser) : new OkObjectResult(setup);
    }

    [Function("ListPaymentMethodsFunction")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment-methods")] HttpRequest request, CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        var (paging, errors) = Paging.From(request);
        return paging is null ? Problems.Validation(errors) : new OkObjectResult(await paymentMethods.ListAsync(userId, paging, cancellationToken));
    }

    [Function("RemovePaymentMethodFunction")]
    public async Task<IActionResult> Remove(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "payment-methods/{id}")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return caller.Denied!;
        }
        return Guid.TryParse(id, out var paymentMethodId) && await paymentMethods.RemoveAsync(paymentMethodId, userId, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound();
    }
}
