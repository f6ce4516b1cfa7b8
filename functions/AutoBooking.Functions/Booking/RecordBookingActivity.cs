using AutoBooking.Core.Booking;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>Records the paid order as the trip's booking; the trip becomes booked. Idempotent.</summary>
public sealed class RecordBookingActivity(BookingRepository bookings, TimeProvider clock, Infrastructure.Telemetry.AutoBookingMetrics metrics)
    : SagaActivity<RecordBookingInput, string>
{
    protected override async Task<string> ExecuteAsync(TaskActivityContext context, RecordBookingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var booking = await bookings.CompleteAsync(input.AttemptId, input.Order, clock.GetUtcNow(), input.CorrelationId, CancellationToken.None);
        metrics.AttemptEnded("booked", null);
        metrics.Booked(await bookings.CountSearchesAsync(input.AttemptId, CancellationToken.None));
        return booking.BookingReference;
    }
}
