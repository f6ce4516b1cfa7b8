using AutoBooking.Core.Booking;
using AutoBooking.Functions.Notifications;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Closes an attempt that bought nothing and holds nothing; the trip watches again or waits for the traveler. When the
/// traveler has to act, the failure email is in the outbox with the change, and sent at once when Resend answers.
/// </summary>
public sealed class EndAttemptActivity(
    BookingRepository bookings, OutboxDispatcher outbox, TimeProvider clock, Infrastructure.Telemetry.AutoBookingMetrics metrics)
    : SagaActivity<EndAttemptInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, EndAttemptInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await bookings.ReleaseAsync(input.AttemptId, input.FailureCode, input.TripTo, clock.GetUtcNow(), input.CorrelationId, CancellationToken.None);
        metrics.AttemptEnded("not_booked", input.FailureCode);
        await outbox.TryDeliverNowAsync(input.AttemptId);
        return true;
    }
}
