using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// Compensation when the money cannot be taken: cancels the attempt's order (quote, then confirm). True only
/// when the order is known to be cancelled; anything else (not cancellable, unknown outcome) is for an operator.
/// </summary>
public sealed partial class CancelOrderActivity(BookingRepository bookings, IFlightProvider flights, ILogger<CancelOrderActivity> logger)
    : SagaActivity<BookingSagaInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        if (attempt.Attempt.ProviderOrderId is not { } orderId)
        {
            return true;
        }
        var result = await flights.CancelOrderAsync(orderId, CancellationToken.None);
        LogCancellation(logger, input.AttemptId, result.Status, result.ProviderRequestId);
        return result.Status is OrderCancellationStatus.Cancelled or OrderCancellationStatus.AlreadyCancelled;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: order cancellation {Status} (request {RequestId})")]
    private static partial void LogCancellation(ILogger logger, Guid attemptId, OrderCancellationStatus status, string? requestId);
}
