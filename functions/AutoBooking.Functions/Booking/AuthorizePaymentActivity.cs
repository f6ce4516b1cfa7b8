using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>Holds the attempt's amount on the traveler's saved card (manual capture, off-session).</summary>
public sealed class AuthorizePaymentActivity(BookingRepository bookings, IPaymentGateway payments, TimeProvider clock)
    : SagaActivity<BookingSagaInput, AuthorizationResult>
{
    protected override async Task<AuthorizationResult> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        var result = await payments.AuthorizeAsync(
            new AuthorizationRequest(attempt.Attempt.Total, attempt.Trip.StripeCustomerId, attempt.Trip.StripePaymentMethodId,
                attempt.Trip.Id, attempt.Attempt.Id),
            IdempotencyKeys.For(input.AttemptId, input.RoundStep("authorize")),
            CancellationToken.None);
        if (result.Status == AuthorizationStatus.Authorized)
        {
            await bookings.MarkAsync(input.AttemptId, AttemptStatus.Authorized, clock.GetUtcNow(), input.CorrelationId,
                paymentIntentId: result.PaymentIntentId);
        }
        else if (result.PaymentIntentId is { } paymentIntentId)
        {
            // Not held (declined, processing, needs the traveler): the intent is kept so the saga can cancel it.
            await bookings.RecordPaymentIntentAsync(input.AttemptId, paymentIntentId, clock.GetUtcNow(), CancellationToken.None);
        }
        return result;
    }
}
