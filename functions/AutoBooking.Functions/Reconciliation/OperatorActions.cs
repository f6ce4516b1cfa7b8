using AutoBooking.Core.Booking;
using AutoBooking.Core.Ports;
using AutoBooking.Core.Reconciliation;
using AutoBooking.Core.Trips;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// What an operator can do about an attempt that needs attention: list them, re-run reconciliation, release the hold,
/// record a booking for an order checked with Duffel, cancel the order, refund. Each action claims the attempt like a
/// reconciler pass (so it never races one), refuses while the saga still runs, and is audited with the operator as actor.
/// After a release or a cancellation the attempt is reconciled at once, so it ends as soon as the facts allow.
/// </summary>
public sealed class OperatorActions(
    AttemptReconciliationRepository attempts, AttemptReconciler reconciler, SettlementSteps steps, IFlightProvider flights,
    IPaymentGateway payments, IOptions<ReconcilerOptions> options, TimeProvider clock, ReconcilerMetrics metrics)
{
    public async Task<IReadOnlyList<AttemptFactsResponse>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = await attempts.ListNeedingAttentionAsync(now.AddMinutes(-options.Value.QuietMinutes), limit, cancellationToken);
        return found.Select(a => AttemptFactsResponse.From(a, now)).ToList();
    }

    public Task<OperatorResult> ReconcileAsync(Guid attemptId, string actor, DurableTaskClient durable, CancellationToken cancellationToken) =>
        WithClaimAsync(attemptId, "reconcile", actor, durable, async attempt =>
            await Done("reconcile", null, await reconciler.ReconcileClaimedAsync(attempt, durable, actor, cancellationToken), attempt.Id, cancellationToken), cancellationToken);

    /// <summary>
    /// Releases the attempt's card hold. Refused (<c>order_live</c>) while its Duffel order is live: that would leave the
    /// traveler a ticket we are not paid for (invariant 2). Record the booking (captures) or cancel the order instead.
    /// </summary>
    public Task<OperatorResult> ReleaseAsync(Guid attemptId, string actor, DurableTaskClient durable, CancellationToken cancellationToken) =>
        WithClaimAsync(attemptId, "release_hold", actor, durable, async attempt =>
        {
            if (await IntentStatusAsync(attempt, cancellationToken) is not { } intent)
            {
                return Unavailable("stripe");
            }
            if (intent.Status != "requires_capture")
            {
                return Conflict(intent.Status is "" ? "nothing_held" : "not_held", $"The PaymentIntent is {Or(intent.Status, "absent")}; there is no hold to release.");
            }
            var (liveOrder, unknown) = await LiveOrderAsync(attempt, cancellationToken);
            if (unknown is not null)
            {
                return unknown;
            }
            return liveOrder is not null
                ? Conflict("order_live", $"Order {liveOrder} is live: releasing the hold would leave a ticket we are not paid for. " +
                    "Record the booking (captures the hold) or cancel the order (then the hold is released).")
                : await StepThenReconcileAsync(ReconcileStep.ReleaseHold, attempt, null, actor, durable, cancellationToken);
        }, cancellationToken);

    public Task<OperatorResult> CancelOrderAsync(Guid attemptId, string? orderId, string actor, DurableTaskClient durable, CancellationToken cancellationToken) =>
        WithClaimAsync(attemptId, "cancel_order", actor, durable, async attempt =>
        {
            var (order, problem) = await OrderOfAttemptAsync(attempt, orderId, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
            if (order!.IsCancelled)
            {
                return Conflict("order_cancelled", $"Order {order.ProviderOrderId} is cancelled already.");
            }
            var result = await StepThenReconcileAsync(ReconcileStep.CancelOrder, attempt, order.ProviderOrderId, actor, durable, cancellationToken);
            if (result.Outcome != OperatorOutcome.Done)
            {
                return result;
            }
            // A settled attempt is not reconciled again: money taken for the ticket just cancelled goes back here, so the
            // action never leaves a charge without a ticket (DESIGN §5, invariant 1).
            var refunded = false;
            if (attempt.AttemptStatus == AttemptStatus.Succeeded && await IntentStatusAsync(attempt, cancellationToken) is { Status: "succeeded" })
            {
                var refund = await steps.RunAsync(ReconcileStep.Refund, attempt, order.ProviderOrderId, actor, cancellationToken);
                if (!refund.Ok)
                {
                    await attempts.MarkBookingAsync(attempt.Id, refunded: false, cancellationToken);
                    return Conflict("refund_failed", $"Order {order.ProviderOrderId} is cancelled but Stripe did not refund: {refund.Note}. Refund it now.");
                }
                refunded = true;
            }
            await attempts.MarkBookingAsync(attempt.Id, refunded, cancellationToken);
            return result;
        }, cancellationToken);

    /// <summary>
    /// Refunds the attempt's captured payment. Refused (<c>order_live</c>) while the attempt's Duffel order is live, so a
    /// refund never leaves the traveler a ticket we were not paid for (DESIGN §5, invariant 2): cancel the order first,
    /// or give <paramref name="overrideReason"/>, which is audited with the order it leaves live.
    /// </summary>
    public Task<OperatorResult> RefundAsync(Guid attemptId, string? overrideReason, string actor, DurableTaskClient durable, CancellationToken cancellationToken) =>
        WithClaimAsync(attemptId, "refund", actor, durable, async attempt =>
        {
            if (await IntentStatusAsync(attempt, cancellationToken) is not { } intent)
            {
                return Unavailable("stripe");
            }
            if (intent.Status != "succeeded")
            {
                return Conflict("not_captured", $"The PaymentIntent is {Or(intent.Status, "absent")}; only captured money can be refunded (release a hold instead).");
            }
            var (liveOrder, unknown) = await LiveOrderAsync(attempt, cancellationToken);
            if (unknown is not null)
            {
                return unknown;
            }
            if (liveOrder is not null)
            {
                if (overrideReason is null)
                {
                    return Conflict("order_live", $"Order {liveOrder} is live: the traveler would keep a ticket we are not paid for. " +
                        "Cancel the order first (cancel-order refunds the payment), or refund with an overrideReason.");
                }
                await attempts.RecordAsync(attempt, "refund_override", clock.GetUtcNow(), actor,
                    new { attemptId = attempt.Id, providerOrderId = liveOrder, overrideReason }, cancellationToken);
            }
            var done = await steps.RunAsync(ReconcileStep.Refund, attempt, attempt.ProviderOrderId, actor, cancellationToken);
            if (!done.Ok)
            {
                return Conflict("refund_failed", $"Stripe did not refund: {done.Note}.");
            }
            await attempts.MarkBookingAsync(attempt.Id, refunded: true, cancellationToken);
            if (attempt.AttemptStatus is not (AttemptStatus.Succeeded or AttemptStatus.Failed))
            {
                await attempts.SettleAsync(attempt, AttemptSettlement.AsNotBooked("operator_refund", TripStatus.Failed), clock.GetUtcNow(), actor,
                    new { attemptId = attempt.Id, outcome = ReconcileResult.NotBooked, failureCode = "operator_refund" }, cancellationToken);
                metrics.Settled(ReconcileResult.NotBooked);
            }
            return await Done("refund", done.Note, null, attempt.Id, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Records the booking of <paramref name="orderId"/> after checking with Duffel that it belongs to the attempt, is
    /// live and costs the attempt's amount; captures the hold first when it is still uncaptured.
    /// </summary>
    public Task<OperatorResult> RecordBookingAsync(Guid attemptId, string orderId, string actor, DurableTaskClient durable, CancellationToken cancellationToken) =>
        WithClaimAsync(attemptId, "record_booking", actor, durable, async attempt =>
        {
            if (attempt.AttemptStatus is AttemptStatus.Succeeded or AttemptStatus.Failed)
            {
                return Conflict("attempt_settled", $"The attempt is {attempt.Status} already.");
            }
            var (order, problem) = await OrderOfAttemptAsync(attempt, orderId, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
            if (order!.AwaitingPayment)
            {
                // An unpaid hold has no tickets: recording it would confirm a booking nobody can fly on.
                return Conflict("order_unpaid", $"Order {order.ProviderOrderId} is an unpaid hold: there is no ticket to record. Cancel it instead.");
            }
            if (order.IsCancelled || order.Total != attempt.Total)
            {
                return Conflict(order.IsCancelled ? "order_cancelled" : "amount_mismatch",
                    $"Order {order.ProviderOrderId} is {(order.IsCancelled ? "cancelled" : $"for {order.Total}, the attempt held {attempt.Total}")}.");
            }
            if (await IntentStatusAsync(attempt, cancellationToken) is not { } intent)
            {
                return Unavailable("stripe");
            }
            if (intent.Status is not ("requires_capture" or "succeeded"))
            {
                return Conflict("payment_not_held", $"The PaymentIntent is {Or(intent.Status, "absent")}: the money cannot be taken; cancel the order instead.");
            }
            if (intent.Status == "requires_capture" && !(await steps.RunAsync(ReconcileStep.Capture, attempt, order.ProviderOrderId, actor, cancellationToken)).Ok)
            {
                return Conflict("capture_failed", "Stripe did not capture the hold; nothing was recorded.");
            }
            await attempts.SettleAsync(attempt, AttemptSettlement.AsBooked(order.ProviderOrderId, order.BookingReference, order.TicketNumbers),
                clock.GetUtcNow(), actor, new { attemptId = attempt.Id, outcome = ReconcileResult.Booked, providerOrderId = order.ProviderOrderId,
                    bookingReference = order.BookingReference }, cancellationToken);
            metrics.Settled(ReconcileResult.Booked);
            return await Done("record_booking", order.ProviderOrderId, null, attempt.Id, cancellationToken);
        }, cancellationToken);

    private async Task<OperatorResult> WithClaimAsync(Guid attemptId, string action, string actor, DurableTaskClient durable,
        Func<AttemptRecord, Task<OperatorResult>> act, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var attempt = await attempts.ClaimOneAsync(attemptId, now, now.AddMinutes(options.Value.LeaseMinutes), cancellationToken);
        if (attempt is null)
        {
            return await attempts.FindAsync(attemptId, cancellationToken) is null
                ? OperatorResult.Refused(OperatorOutcome.NotFound, "not_found", "No such attempt.")
                : OperatorResult.Refused(OperatorOutcome.Busy, "attempt_busy", "A reconciler pass or another operator is working on this attempt; try again in a minute.");
        }
        try
        {
            if (action != "reconcile" && ReconcilePolicy.IsInFlight(attempt.AttemptStatus)
                && await durable.GetInstanceAsync(attempt.InstanceId, false, cancellationToken) is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending })
            {
                return Conflict("saga_running", "The booking saga is still running this attempt; wait for it (or re-run reconciliation once it has run too long).");
            }
            var result = await act(attempt);
            await attempts.RecordAsync(attempt, "operator_action", clock.GetUtcNow(), actor,
                new { attemptId, action, outcome = result.Outcome.ToString(), reason = result.Reason }, cancellationToken);
            return result;
        }
        finally
        {
            await attempts.ReleaseLeaseAsync(attemptId, clock.GetUtcNow(), CancellationToken.None);
        }
    }

    private async Task<OperatorResult> StepThenReconcileAsync(ReconcileStep step, AttemptRecord attempt, string? orderId, string actor,
        DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var done = await steps.RunAsync(step, attempt, orderId, actor, cancellationToken);
        if (!done.Ok)
        {
            return Conflict("step_failed", $"{step} did not go through: {done.Note}.");
        }
        var reconciliation = await reconciler.ReconcileClaimedAsync(attempt, durable, actor, cancellationToken);
        return await Done(step.ToString(), done.Note, reconciliation, attempt.Id, cancellationToken);
    }

    /// <summary>The PaymentIntent's status ("" when the attempt has none), or null when Stripe cannot be asked.</summary>
    private async Task<PaymentIntentState?> IntentStatusAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        if (attempt.PaymentIntentId is not { } id)
        {
            return new PaymentIntentState("", "", null);
        }
        try
        {
            return await payments.GetPaymentIntentAsync(id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// The id of the attempt's order when Duffel says it is live, null when it is cancelled or there is none; or the
    /// problem when Duffel cannot be asked (nothing may be refunded on a guess).
    /// </summary>
    private async Task<(string? LiveOrderId, OperatorResult? Unknown)> LiveOrderAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        var (order, problem) = await OrderOfAttemptAsync(attempt, null, cancellationToken);
        return problem switch
        {
            { Reason: "order_not_found" } => (null, null),
            not null => (null, problem),
            // An unpaid hold is no ticket: releasing or refunding the money leaves nobody flying unpaid.
            _ => (order!.IsCancelled || order.AwaitingPayment ? null : order.ProviderOrderId, null),
        };
    }

    /// <summary>The order (the given id, else the attempt's recorded or found order), checked to carry this attempt's id.</summary>
    private async Task<(FlightOrder?, OperatorResult?)> OrderOfAttemptAsync(AttemptRecord attempt, string? orderId, CancellationToken cancellationToken)
    {
        FlightOrder? order;
        try
        {
            order = (orderId ?? attempt.ProviderOrderId) is { } id
                ? await flights.GetOrderAsync(id, cancellationToken)
                : await flights.FindOrderByAttemptAsync(attempt.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, Unavailable("duffel"));
        }
        if (order is null)
        {
            return (null, Conflict("order_not_found", "Duffel knows no such order for this attempt."));
        }
        if (order.AttemptId != attempt.Id)
        {
            return (null, Conflict("order_mismatch", $"Order {order.ProviderOrderId} was not created by this attempt."));
        }
        return (order, null);
    }

    private async Task<OperatorResult> Done(string action, string? note, ReconcileResult? reconciliation, Guid attemptId, CancellationToken cancellationToken)
    {
        var now = await attempts.FindAsync(attemptId, cancellationToken);
        return OperatorResult.Done(new OperatorActionResponse(action, note, reconciliation, AttemptFactsResponse.From(now!, clock.GetUtcNow())));
    }

    private static OperatorResult Conflict(string reason, string detail) => OperatorResult.Refused(OperatorOutcome.Conflict, reason, detail);

    private static OperatorResult Unavailable(string provider) =>
        OperatorResult.Refused(OperatorOutcome.ProviderUnavailable, provider + "_unavailable", $"{provider} could not be asked; nothing was changed.");

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;
}
