using AutoBooking.Core.Booking;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Approval mode: records on the trip that a qualifying fare awaits the traveller's decision (the progress view
/// and <c>POST /api/trips/{id}/approval</c> act on it).
/// </summary>
public sealed class RequestApprovalActivity(BookingRepository bookings, TripRepository trips, TimeProvider clock)
    : SagaActivity<BookingSagaInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        await trips.RecordEventAsync(input.TripId, "approval_requested", clock.GetUtcNow(), "booking", input.CorrelationId,
            new { attemptId = input.AttemptId, amount = attempt.Attempt.Amount, currency = attempt.Attempt.Currency,
                timeoutSeconds = input.ApprovalTimeoutSeconds }, CancellationToken.None);
        return true;
    }
}
