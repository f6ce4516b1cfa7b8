using AutoBooking.Core.Ports;
using AutoBooking.Core.Reconciliation;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// Asks Stripe and Duffel what really happened to an attempt. Never throws for a provider outage: an unreachable
/// provider is an <c>Unknown</c> fact, and unknown facts make the policy wait.
/// </summary>
public sealed partial class ProviderTruth(
    IPaymentGateway payments, IFlightProvider flights, BookingRepository bookings, AttemptReconciliationRepository attempts,
    IOptions<ReconcilerOptions> options, TimeProvider clock, ILogger<ProviderTruth> logger)
{
    public async Task<AttemptFacts> ReadAsync(UnsettledAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var (hold, intentStatus) = await ReadHoldAsync(attempt, cancellationToken);
        var (order, flightOrder) = await ReadOrderAsync(attempt, cancellationToken);
        var (recorded, taken) = await attempts.BookingFactsAsync(attempt, cancellationToken);
        return new AttemptFacts(hold, intentStatus, order, flightOrder, recorded, taken);
    }

    private async Task<(HoldState, string?)> ReadHoldAsync(UnsettledAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.PaymentIntentId is not { } paymentIntentId)
        {
            return (HoldState.None, null);
        }
        try
        {
            var intent = await payments.GetPaymentIntentAsync(paymentIntentId, cancellationToken);
            return (ReconcilePolicy.HoldOf(intent.Status), intent.Status);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProviderUnreachable(logger, attempt.Id, "stripe", ex.GetType().Name);
            return (HoldState.Unknown, null);
        }
    }

    private async Task<(OrderState, FlightOrder?)> ReadOrderAsync(UnsettledAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.PaymentIntentId is null && attempt.ProviderOrderId is null)
        {
            // The saga orders only after the hold is recorded: with no hold on record, no order was ever posted.
            return (OrderState.Absent, null);
        }
        try
        {
            var order = attempt.ProviderOrderId is { } orderId
                ? await flights.GetOrderAsync(orderId, cancellationToken)
                : await flights.FindOrderByAttemptAsync(attempt.Id, cancellationToken);
            if (order is not null)
            {
                return (order.IsCancelled ? OrderState.Cancelled : OrderState.Live, order);
            }
            return (await IsProvenAbsentAsync(attempt, cancellationToken) ? OrderState.Absent : OrderState.Unknown, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProviderUnreachable(logger, attempt.Id, "duffel", ex.GetType().Name);
            return (OrderState.Unknown, null);
        }
    }

    /// <summary>
    /// Not found is proof of absence once Duffel reported the creation failed, or once the attempt has been quiet long
    /// enough for an accepted (202) creation to have settled either way.
    /// </summary>
    private async Task<bool> IsProvenAbsentAsync(UnsettledAttempt attempt, CancellationToken cancellationToken) =>
        attempt.UpdatedAt <= clock.GetUtcNow().AddMinutes(-options.Value.OrderSettleMinutes)
        || await bookings.CreationFailureReportedAsync(attempt.Id, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling attempt {AttemptId}: {Provider} unreachable ({ErrorType}); deciding nothing")]
    private static partial void LogProviderUnreachable(ILogger logger, Guid attemptId, string provider, string errorType);
}
