using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// After an ambiguous order creation: finds the attempt's order at the provider by the attempt id in its
/// metadata (a read, safe to retry). A live order found is the confirmed order; none, when Duffel has also
/// reported <c>order.creation_failed</c> for the attempt, is a rejection (nothing was bought); none otherwise
/// (yet) is null.
/// </summary>
public sealed partial class ReconcileOrderActivity(
    BookingRepository bookings, IFlightProvider flights, TimeProvider clock, ILogger<ReconcileOrderActivity> logger)
    : SagaActivity<BookingSagaInput, OrderResult?>
{
    protected override async Task<OrderResult?> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = await flights.FindOrderByAttemptAsync(input.AttemptId, CancellationToken.None);
        if (order is null || order.IsCancelled)
        {
            if (order is null && await bookings.CreationFailureReportedAsync(input.AttemptId, CancellationToken.None))
            {
                LogCreationFailed(logger, input.AttemptId);
                return OrderResult.Rejected(FailureCodes.OrderRejected, null);
            }
            LogNotFound(logger, input.AttemptId, order?.IsCancelled == true);
            return null;
        }
        await bookings.MarkAsync(input.AttemptId, AttemptStatus.Ordered, clock.GetUtcNow(), input.CorrelationId,
            providerOrderId: order.ProviderOrderId);
        LogFound(logger, input.AttemptId, order.ProviderOrderId);
        return new OrderResult(OrderStatus.Confirmed, order.ProviderOrderId, order.BookingReference, order.TicketNumbers, null, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: no live order found yet (cancelled: {Cancelled})")]
    private static partial void LogNotFound(ILogger logger, Guid attemptId, bool cancelled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: reconciled, Duffel reported the order was not created")]
    private static partial void LogCreationFailed(ILogger logger, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: reconciled, order {ProviderOrderId} exists")]
    private static partial void LogFound(ILogger logger, Guid attemptId, string providerOrderId);
}
