using AutoBooking.Core.Booking;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// The card needs the traveller's authentication: the attempt waits for it (the PaymentIntent kept for compensation,
/// the deadline for <c>GET /api/trips/{id}/payment-action</c>, an audit entry without PII).
/// </summary>
public sealed class AwaitAuthenticationActivity(BookingRepository bookings, TimeProvider clock) : SagaActivity<AwaitAuthenticationInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, AwaitAuthenticationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await bookings.AwaitAuthenticationAsync(input.AttemptId, input.PaymentIntentId, input.RespondBy, clock.GetUtcNow(), input.CorrelationId,
            CancellationToken.None);
        return true;
    }
}
