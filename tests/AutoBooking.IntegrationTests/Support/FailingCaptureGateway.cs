using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Stripe;
using Stripe;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// The real Stripe gateway, except that capture fails (as when the card network refuses it): a fault injected
/// at our port while authorization, cancellation and everything else still reach the sandbox for real.
/// </summary>
public sealed class FailingCaptureGateway(StripePaymentGateway real) : IPaymentGateway
{
    public Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        real.AuthorizeAsync(request, idempotencyKey, cancellationToken);

    public Task<PaymentIntentState> GetPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        real.GetPaymentIntentAsync(paymentIntentId, cancellationToken);

    public Task<IReadOnlyList<PaymentIntentState>> FindPaymentIntentsByAttemptAsync(Guid attemptId, CancellationToken cancellationToken) =>
        real.FindPaymentIntentsByAttemptAsync(attemptId, cancellationToken);

    public Task CaptureAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken) =>
        throw new StripeException(System.Net.HttpStatusCode.PaymentRequired, new StripeError { Type = "card_error", Code = "card_declined" },
            "Capture refused by the card network (injected).");

    public Task CancelAuthorizationAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken) =>
        real.CancelAuthorizationAsync(paymentIntentId, idempotencyKey, cancellationToken);

    public Task<RefundResult> RefundAsync(string paymentIntentId, Money? amount, string idempotencyKey, CancellationToken cancellationToken) =>
        real.RefundAsync(paymentIntentId, amount, idempotencyKey, cancellationToken);
}
