using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>Takes the held money. The saga calls it only after the order is confirmed with a booking reference.</summary>
public sealed class CapturePaymentActivity(BookingRepository bookings, IPaymentGateway payments, TimeProvider clock)
    : SagaActivity<BookingSagaInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        if (attempt.Attempt.ProviderOrderId is null || attempt.Attempt.PaymentIntentId is null)
        {
            throw new InvalidOperationException($"Attempt {input.AttemptId} has no confirmed order or no authorization; refusing to capture.");
        }
        await payments.CaptureAsync(attempt.Attempt.PaymentIntentId, IdempotencyKeys.For(input.AttemptId, "capture"), CancellationToken.None);
        await bookings.MarkAsync(input.AttemptId, AttemptStatus.Captured, clock.GetUtcNow(), input.CorrelationId);
        return true;
    }
}
