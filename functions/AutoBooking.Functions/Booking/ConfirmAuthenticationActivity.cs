using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// After the traveler's on-session authentication was reported: checks with Stripe that the money is really held
/// (the event only says so) and marks the attempt authorized. False when it is not held.
/// </summary>
public sealed class ConfirmAuthenticationActivity(BookingRepository bookings, IPaymentGateway payments, TimeProvider clock)
    : SagaActivity<BookingSagaInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        if (attempt.Attempt.PaymentIntentId is not { } paymentIntentId
            || !(await payments.GetPaymentIntentAsync(paymentIntentId, CancellationToken.None)).IsHeld)
        {
            return false;
        }
        await bookings.MarkAsync(input.AttemptId, AttemptStatus.Authorized, clock.GetUtcNow(), input.CorrelationId);
        return true;
    }
}
