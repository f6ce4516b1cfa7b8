using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Booking;

/// <summary>
/// After an ambiguous order creation: finds the attempt's order at the provider (a read, safe to repeat). The order
/// Duffel's <c>order.created</c> webhook reported is read directly; otherwise the order list is scanned for the attempt
/// id in the metadata, from when the attempt began only. A live order found is the confirmed order; none, when Duffel
/// has also reported <c>order.creation_failed</c> for the attempt, is a rejection (nothing was bought); none otherwise
/// (yet) is null. Duffel failing to answer (after its pipeline's retries) is also null, "still unknown": it never
/// throws for the provider, so an outage spanning the order and its look-ups leaves a flagged attempt, not a
/// failed orchestration.
/// </summary>
[RecordedName(DurableName)]
public sealed partial class LookUpOrderActivity(
    BookingRepository bookings, IFlightProvider flights, TimeProvider clock, ILogger<LookUpOrderActivity> logger)
    : SagaActivity<BookingSagaInput, OrderResult?>
{
    /// <summary>The name sagas record in their history (the activity's name before the rename), kept so sagas in flight at a deploy replay.</summary>
    public const string DurableName = "ReconcileOrderActivity";

    /// <summary>Orders are looked for from this long before the attempt began: our clock and Duffel's may differ.</summary>
    private static readonly TimeSpan ClockSkewMargin = TimeSpan.FromMinutes(5);

    protected override async Task<OrderResult?> ExecuteAsync(TaskActivityContext context, BookingSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await bookings.GetContextAsync(input.AttemptId, CancellationToken.None);
        FlightOrder? order;
        try
        {
            order = await bookings.ReportedOrderAsync(input.AttemptId, CancellationToken.None) is { } reported
                ? await flights.GetOrderAsync(reported, CancellationToken.None)
                : await flights.FindOrderByAttemptAsync(input.AttemptId, attempt.Attempt.CreatedAt - ClockSkewMargin, CancellationToken.None);
        }
        catch (DuffelApiException ex)
        {
            LogUnreachable(logger, input.AttemptId, ex.Kind, ex.RequestId);
            return null;
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: Duffel did not answer the order look-up ({Kind}, request {RequestId}); still unknown")]
    private static partial void LogUnreachable(ILogger logger, Guid attemptId, DuffelFailureKind kind, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: no live order found yet (cancelled: {Cancelled})")]
    private static partial void LogNotFound(ILogger logger, Guid attemptId, bool cancelled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: order looked up, Duffel reported it was not created")]
    private static partial void LogCreationFailed(ILogger logger, Guid attemptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempt {AttemptId}: order looked up, order {ProviderOrderId} exists")]
    private static partial void LogFound(ILogger logger, Guid attemptId, string providerOrderId);
}
