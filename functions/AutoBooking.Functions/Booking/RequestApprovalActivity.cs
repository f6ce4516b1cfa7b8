using AutoBooking.Core.Booking;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Approval mode: records on the trip that a qualifying fare awaits the traveler's decision (the progress view
/// and <c>POST /api/trips/{id}/approval</c> act on it) and emails the traveler (through the outbox), with the hold's
/// deadline and price guarantee when the fare is held.
/// </summary>
public sealed class RequestApprovalActivity(BookingRepository bookings, TimeProvider clock)
    : SagaActivity<BookingSagaInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        await bookings.RequestApprovalAsync(attempt, input.ApprovalTimeoutSeconds, clock.GetUtcNow(), input.CorrelationId, CancellationToken.None);
        return true;
    }
}
