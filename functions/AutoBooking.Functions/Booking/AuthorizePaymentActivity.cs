using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>Holds the attempt's amount on the traveller's saved card (manual capture, off-session).</summary>
public sealed class AuthorizePaymentActivity(BookingRepository bookings, IPaymentGateway payments, TimeProvider clock)
    : TaskActivity<BookingSagaInput, AuthorizationResult>
{
    public override async Task<AuthorizationResult> RunAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        var result = await payments.AuthorizeAsync(
            new AuthorizationRequest(attempt.Attempt.Total, attempt.Trip.StripeCustomerId, attempt.Trip.StripePaymentMethodId,
                attempt.Trip.Id, attempt.Attempt.Id),
            IdempotencyKeys.For(input.AttemptId, "authorize"),
            CancellationToken.None);
        if (result.Status == AuthorizationStatus.Authorized)
        {
            await bookings.MarkAsync(input.AttemptId, AttemptStatus.Authorized, clock.GetUtcNow(), input.CorrelationId,
                paymentIntentId: result.PaymentIntentId);
        }
        return result;
    }
}
