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
    public async Task<AttemptFacts> ReadAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        HoldState hold;
        string? intentStatus;
        string? foundIntent = null;
        if (attempt.PaymentIntentId is null)
        {
            (hold, intentStatus, foundIntent) = await SearchHoldAsync(attempt, cancellationToken);
        }
        else
        {
            (hold, intentStatus) = await ReadHoldAsync(attempt, cancellationToken);
        }
        var (order, flightOrder) = await ReadOrderAsync(attempt with { PaymentIntentId = attempt.PaymentIntentId ?? foundIntent }, cancellationToken);
        var (recorded, taken) = await attempts.BookingFactsAsync(attempt, cancellationToken);
        return new AttemptFacts(hold, intentStatus, order, flightOrder, recorded, taken) { FoundPaymentIntentId = foundIntent };
    }

    /// <summary>
    /// No PaymentIntent on record: the worker may have died between Stripe's answer and the saga's write, leaving a hold
    /// nobody knows about. Stripe is searched by the attempt's metadata. Nothing found proves no hold only once the
    /// attempt has been quiet past Stripe's search lag (<see cref="ReconcilerOptions.OrderSettleMinutes"/>).
    /// </summary>
    private async Task<(HoldState, string?, string?)> SearchHoldAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        try
        {
            var intents = await payments.FindPaymentIntentsByAttemptAsync(attempt.Id, cancellationToken);
            // The saga makes one PaymentIntent per attempt (one idempotency key); the live one matters if there are more.
            var intent = intents.FirstOrDefault(i => ReconcilePolicy.HoldOf(i.Status) != HoldState.None) ?? (intents.Count > 0 ? intents[0] : null);
            if (intent is not null)
            {
                LogIntentFound(logger, attempt.Id, intent.Id, intent.Status);
                return (ReconcilePolicy.HoldOf(intent.Status), intent.Status, intent.Id);
            }
            return (IsQuiet(attempt) ? HoldState.None : HoldState.Unknown, null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProviderUnreachable(logger, attempt.Id, "stripe", ex.GetType().Name);
            return (HoldState.Unknown, null, null);
        }
    }

    private async Task<(HoldState, string?)> ReadHoldAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        var paymentIntentId = attempt.PaymentIntentId!;
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

    private async Task<(OrderState, FlightOrder?)> ReadOrderAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        if (attempt.PaymentIntentId is null && attempt.ProviderOrderId is null && attempt.FareHoldRequestedAt is null)
        {
            // The saga orders only after the money's hold is recorded, and holds a fare only after recording that it
            // asked to: with neither on record, no order was ever posted.
            return (OrderState.Absent, null);
        }
        try
        {
            var order = attempt.ProviderOrderId is { } orderId
                ? await flights.GetOrderAsync(orderId, cancellationToken)
                : await flights.FindOrderByAttemptAsync(attempt.Id, cancellationToken);
            if (order is not null)
            {
                return (StateOf(order), order);
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
    /// A cancelled order, or an unpaid hold past its payment deadline (its seats released), holds no ticket; an unpaid
    /// hold before its deadline keeps seats but has no ticket either; anything else is a ticket.
    /// </summary>
    private OrderState StateOf(FlightOrder order) => order switch
    {
        { IsCancelled: true } => OrderState.Cancelled,
        { AwaitingPayment: true, PaymentRequiredBy: { } deadline } when deadline <= clock.GetUtcNow() => OrderState.Cancelled,
        { AwaitingPayment: true } => OrderState.Held,
        _ => OrderState.Live,
    };

    /// <summary>
    /// Not found is proof of absence once Duffel reported the creation failed, or once the attempt has been quiet long
    /// enough for an accepted (202) creation to have settled either way.
    /// </summary>
    private async Task<bool> IsProvenAbsentAsync(AttemptRecord attempt, CancellationToken cancellationToken) =>
        IsQuiet(attempt) || await bookings.CreationFailureReportedAsync(attempt.Id, cancellationToken);

    /// <summary>
    /// The attempt has not changed for <see cref="ReconcilerOptions.OrderSettleMinutes"/>: long enough for an accepted
    /// Duffel creation to settle and for Stripe's search index to show a PaymentIntent made for it.
    /// </summary>
    private bool IsQuiet(AttemptRecord attempt) => attempt.UpdatedAt <= clock.GetUtcNow().AddMinutes(-options.Value.OrderSettleMinutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling attempt {AttemptId}: found PaymentIntent {PaymentIntentId} ({Status}) that the attempt never recorded")]
    private static partial void LogIntentFound(ILogger logger, Guid attemptId, string paymentIntentId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling attempt {AttemptId}: {Provider} unreachable ({ErrorType}); deciding nothing")]
    private static partial void LogProviderUnreachable(ILogger logger, Guid attemptId, string provider, string errorType);
}
