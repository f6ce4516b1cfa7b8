using AutoBooking.Core.Booking;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>The held fare's price moved but still qualifies: the attempt goes on at the new price (idempotent).</summary>
public sealed class RepriceHeldFareActivity(BookingRepository bookings, TimeProvider clock) : SagaActivity<RepriceHeldFareInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, RepriceHeldFareInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await bookings.RepriceAttemptAsync(input.AttemptId, input.Total, clock.GetUtcNow(), input.CorrelationId, CancellationToken.None);
        return true;
    }
}
