using AutoBooking.Core.Booking;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>Closes an attempt that bought nothing and holds nothing; the trip watches again or waits for the traveller.</summary>
public sealed class EndAttemptActivity(BookingRepository bookings, TimeProvider clock, Infrastructure.Telemetry.AutoBookingMetrics metrics)
    : SagaActivity<EndAttemptInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, EndAttemptInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await bookings.ReleaseAsync(input.AttemptId, input.FailureCode, input.TripTo, clock.GetUtcNow(), input.CorrelationId, CancellationToken.None);
        metrics.AttemptEnded("not_booked", input.FailureCode);
        return true;
    }
}
