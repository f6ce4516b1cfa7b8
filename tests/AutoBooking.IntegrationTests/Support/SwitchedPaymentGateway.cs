using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>The real payment gateway behind a <see cref="ProviderSwitch"/>: down while switched off, crashing around capture when armed.</summary>
public sealed class SwitchedPaymentGateway(IPaymentGateway real, ProviderSwitch control) : IPaymentGateway
{
    public async Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        control.ThrowIfStripeDown();
        var result = await real.AuthorizeAsync(request, idempotencyKey, cancellationToken);
        await control.CrashIfAsync(CrashPoint.AfterAuthorize);
        return result;
    }

    public Task<PaymentIntentState> GetPaymentIntentAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        control.ThrowIfStripeDown();
        return real.GetPaymentIntentAsync(paymentIntentId, cancellationToken);
    }

    public Task<IReadOnlyList<PaymentIntentState>> FindPaymentIntentsByAttemptAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        control.ThrowIfStripeDown();
        return real.FindPaymentIntentsByAttemptAsync(attemptId, cancellationToken);
    }

    public async Task CaptureAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        control.ThrowIfStripeDown();
        await control.CrashIfAsync(CrashPoint.BeforeCapture);
        await real.CaptureAsync(paymentIntentId, idempotencyKey, cancellationToken);
        await control.CrashIfAsync(CrashPoint.AfterCapture);
    }

    public Task CancelAuthorizationAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        control.ThrowIfStripeDown();
        return real.CancelAuthorizationAsync(paymentIntentId, idempotencyKey, cancellationToken);
    }

    public Task<RefundResult> RefundAsync(string paymentIntentId, Money? amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        control.ThrowIfStripeDown();
        return real.RefundAsync(paymentIntentId, amount, idempotencyKey, cancellationToken);
    }
}
