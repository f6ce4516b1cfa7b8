using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>Compensation: releases the hold on the traveler's card.</summary>
public sealed class CancelAuthorizationActivity(BookingRepository bookings, IPaymentGateway payments)
    : SagaActivity<BookingSagaInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        if (attempt.Attempt.PaymentIntentId is { } paymentIntentId)
        {
            await payments.CancelAuthorizationAsync(paymentIntentId, IdempotencyKeys.For(input.AttemptId, input.RoundStep("cancel")), CancellationToken.None);
        }
        return true;
    }
}
