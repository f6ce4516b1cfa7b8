using AutoBooking.Core.Booking;
using AutoBooking.Functions.Notifications;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Records the paid order as the trip's booking; the trip becomes booked and the confirmation email is in the outbox
/// (same transaction), sent at once when Resend answers, else by the outbox timer: a failed email never undoes a
/// booking. Idempotent.
/// </summary>
public sealed class RecordBookingActivity(
    BookingRepository bookings, OutboxDispatcher outbox, TimeProvider clock, Infrastructure.Telemetry.AutoBookingMetrics metrics)
    : SagaActivity<RecordBookingInput, string>
{
    protected override async Task<string> ExecuteAsync(TaskActivityContext context, RecordBookingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var booking = await bookings.CompleteAsync(input.AttemptId, input.Order, clock.GetUtcNow(), input.CorrelationId, CancellationToken.None);
        metrics.AttemptEnded("booked", null);
        metrics.Booked(await bookings.CountChecksAsync(input.AttemptId, CancellationToken.None));
        await outbox.TryDeliverNowAsync(input.AttemptId);
        return booking.BookingReference;
    }
}
