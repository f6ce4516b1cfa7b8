using AutoBooking.Core.Booking;
using AutoBooking.Functions.Notifications;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Ends an attempt that an operator must finish (unknown order outcome, failed capture or compensation):
/// never left in limbo, always visible, always alerted. The traveler hears "we are checking; you will not be charged
/// twice" (outbox, written with the flag), and the outcome once the attempt is settled.
/// </summary>
public sealed partial class FlagAttemptActivity(
    BookingRepository bookings, OutboxDispatcher outbox, TimeProvider clock, Infrastructure.Telemetry.AutoBookingMetrics metrics, ILogger<FlagAttemptActivity> logger)
    : SagaActivity<EndAttemptInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, EndAttemptInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await bookings.FlagForAttentionAsync(input.AttemptId, input.FailureCode, clock.GetUtcNow(), input.CorrelationId, CancellationToken.None);
        LogNeedsAttention(logger, input.AttemptId, input.FailureCode, input.CorrelationId);
        metrics.AttemptEnded("needs_attention", input.FailureCode);
        await outbox.TryDeliverNowAsync(input.AttemptId);
        return true;
    }

    [LoggerMessage(EventId = Alerts.NeedsAttention.Id, Level = Alerts.NeedsAttention.Level, Message = Alerts.NeedsAttention.Message)]
    private static partial void LogNeedsAttention(ILogger logger, Guid attemptId, string failureCode, string correlationId);
}
