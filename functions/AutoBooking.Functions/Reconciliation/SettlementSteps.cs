using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Reconciliation;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// The side effects of a settlement (capture, cancel the order, release the hold, refund), each audited as a trip event
/// <c>settlement_&lt;step&gt;</c> with its actor (<c>reconciler</c> or the operator's subject id). A step reports whether it
/// is done for sure; a provider failure is "not done" (logged and audited), never an exception.
/// </summary>
/// <remarks>
/// Stripe idempotency keys are attempt id + step. A capture or a release can only happen once per PaymentIntent at
/// Stripe, so their keys also carry the pass number: a retry on a later pass is a fresh request rather than the replay of
/// a stored 500. A refund is not once-only at Stripe, so its key is fixed per attempt: two refunders make one refund.
/// </remarks>
public sealed partial class SettlementSteps(
    IPaymentGateway payments, IFlightProvider flights, AttemptReconciliationRepository attempts, TimeProvider clock,
    ILogger<SettlementSteps> logger)
{
    public async Task<StepDone> RunAsync(ReconcileStep step, AttemptRecord attempt, string? providerOrderId, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        StepDone done;
        try
        {
            done = step switch
            {
                ReconcileStep.Capture => await CaptureAsync(attempt, cancellationToken),
                ReconcileStep.CancelOrder => await CancelOrderAsync(providerOrderId, cancellationToken),
                ReconcileStep.ReleaseHold => await ReleaseAsync(attempt, cancellationToken),
                ReconcileStep.Refund => await RefundAsync(attempt, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a provider step."),
            };
        }
        catch (Exception ex) when (ex is not ArgumentOutOfRangeException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            done = StepDone.Failed("error_" + ex.GetType().Name);
        }
        LogStep(logger, attempt.Id, step, done.Ok, done.Note);
        await attempts.RecordAsync(attempt, "settlement_" + Snake(step), clock.GetUtcNow(), actor, new
        {
            attemptId = attempt.Id,
            outcome = done.Ok ? "done" : "failed",
            note = done.Note,
            paymentIntentId = attempt.PaymentIntentId,
            providerOrderId,
        }, cancellationToken);
        return done;
    }

    private async Task<StepDone> CaptureAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        var intent = attempt.PaymentIntentId ?? throw new InvalidOperationException($"Attempt {attempt.Id} holds no money to capture.");
        await payments.CaptureAsync(intent, IdempotencyKeys.For(attempt.Id, $"reconcile-capture-{attempt.ReconcilePasses}"), cancellationToken);
        return StepDone.Done(null);
    }

    private async Task<StepDone> ReleaseAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        if (attempt.PaymentIntentId is not { } intent)
        {
            return StepDone.Done("nothing_held");
        }
        await payments.CancelAuthorizationAsync(intent, IdempotencyKeys.For(attempt.Id, $"reconcile-release-{attempt.ReconcilePasses}"), cancellationToken);
        return StepDone.Done(null);
    }

    private async Task<StepDone> RefundAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        var intent = attempt.PaymentIntentId ?? throw new InvalidOperationException($"Attempt {attempt.Id} has no payment to refund.");
        var refund = await payments.RefundAsync(intent, null, IdempotencyKeys.For(attempt.Id, "refund"), cancellationToken);
        return refund.Status is "succeeded" or "pending" ? StepDone.Done(refund.RefundId) : StepDone.Failed("refund_" + refund.Status);
    }

    private async Task<StepDone> CancelOrderAsync(string? providerOrderId, CancellationToken cancellationToken)
    {
        if (providerOrderId is null)
        {
            return StepDone.Done("no_order");
        }
        var result = await flights.CancelOrderAsync(providerOrderId, cancellationToken);
        switch (result.Status)
        {
            case OrderCancellationStatus.Cancelled or OrderCancellationStatus.AlreadyCancelled or OrderCancellationStatus.NotFound:
                return StepDone.Done(result.Status.ToString());
            case OrderCancellationStatus.Ambiguous:
                // The confirm's outcome is unknown: read the order before deciding (never confirm twice blindly).
                var order = await flights.GetOrderAsync(providerOrderId, cancellationToken);
                return order is null || order.IsCancelled ? StepDone.Done("confirmed_on_reread") : StepDone.Failed("cancellation_unclear");
            default:
                return StepDone.Failed(result.FailureCode ?? result.Status.ToString());
        }
    }

    private static string Snake(ReconcileStep step) => step switch
    {
        ReconcileStep.Capture => "capture",
        ReconcileStep.RecordBooking => "record_booking",
        ReconcileStep.CancelOrder => "cancel_order",
        ReconcileStep.ReleaseHold => "release_hold",
        _ => "refund",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling attempt {AttemptId}: {Step} done={Done} ({Note})")]
    private static partial void LogStep(ILogger logger, Guid attemptId, ReconcileStep step, bool done, string? note);
}
