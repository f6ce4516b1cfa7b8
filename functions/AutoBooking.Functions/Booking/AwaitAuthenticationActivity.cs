using AutoBooking.Core.Booking;
using AutoBooking.Functions.Notifications;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// The card needs the traveler's authentication: the attempt waits for it (the PaymentIntent kept for compensation,
/// the deadline for <c>GET /api/trips/{id}/payment-action</c>, an audit entry without PII), and the email with the
/// confirm link is written to the outbox in the same transaction, then sent at once if Resend answers (else by the
/// outbox timer). A lost email does not end the wait: the trip shows it and the confirm page still works.
/// </summary>
public sealed class AwaitAuthenticationActivity(BookingRepository bookings, OutboxDispatcher outbox, TimeProvider clock)
    : SagaActivity<AwaitAuthenticationInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, AwaitAuthenticationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await bookings.AwaitAuthenticationAsync(input.AttemptId, input.PaymentIntentId, input.RespondBy, clock.GetUtcNow(), input.CorrelationId,
            CancellationToken.None);
        await outbox.TryDeliverNowAsync(input.AttemptId);
        return true;
    }
}
