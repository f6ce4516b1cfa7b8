using AutoBooking.Core.Reconciliation;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// Settles what the saga could not, or never got to (DESIGN §5): attempts still in flight whose orchestration is gone
/// (failed, terminated, missing) or has run far too long, and attempts flagged <c>needs_attention</c>. It claims them
/// under a lease, asks Stripe and Duffel for the truth (<see cref="ProviderTruth"/>), lets <see cref="ReconcilePolicy"/>
/// decide, carries the plan out (<see cref="SettlementSteps"/>) and ends the attempt; whatever cannot be settled stays
/// (or becomes) <c>needs_attention</c>, and a hold ageing past <see cref="ReconcilerOptions.HoldEscalationHours"/> is escalated.
/// </summary>
public sealed partial class AttemptReconciler(
    AttemptReconciliationRepository attempts, ProviderTruth truth, SettlementSteps steps, IOptions<ReconcilerOptions> options,
    TimeProvider clock, ReconcilerMetrics metrics, AutoBookingMetrics bookingMetrics, ILogger<AttemptReconciler> logger)
{
    public const string Actor = "reconciler";

    /// <summary>One pass: claims a batch of due attempts and reconciles each (the timer's whole job).</summary>
    public async Task<ReconcileRunSummary> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var claimed = await attempts.ClaimDueAsync(now, now.AddMinutes(settings.LeaseMinutes), now.AddMinutes(-settings.QuietMinutes),
            now.AddMinutes(-settings.RecheckMinutes), settings.BatchSize, cancellationToken);
        var results = new List<ReconcileResult>(claimed.Count);
        foreach (var attempt in claimed)
        {
            results.Add(await ReconcileClaimedAsync(attempt, durable, Actor, cancellationToken));
        }
        var summary = new ReconcileRunSummary(results);
        LogPass(logger, summary.Claimed, summary.Settled);
        return summary;
    }

    /// <summary>
    /// Reconciles one attempt this caller has claimed (the pass, or an operator's re-run), then frees the claim.
    /// <paramref name="actor"/> is recorded on every trip event it writes.
    /// </summary>
    public async Task<ReconcileResult> ReconcileClaimedAsync(AttemptRecord attempt, DurableTaskClient durable, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(durable);
        try
        {
            if (attempt.AttemptStatus is Core.Booking.AttemptStatus.Succeeded or Core.Booking.AttemptStatus.Failed)
            {
                return new ReconcileResult(attempt.Id, ReconcileResult.AlreadySettled, null, null, [], null, false);
            }
            var inFlight = ReconcilePolicy.IsInFlight(attempt.AttemptStatus);
            if (inFlight && !await SagaIsGoneAsync(attempt, durable, actor, cancellationToken))
            {
                return new ReconcileResult(attempt.Id, ReconcileResult.SagaRunning, null, null, [], "orchestration_running", false);
            }
            return await SettleAsync(attempt, inFlight, actor, cancellationToken);
        }
        finally
        {
            await attempts.ReleaseLeaseAsync(attempt.Id, clock.GetUtcNow(), CancellationToken.None);
        }
    }

    /// <summary>
    /// True when the saga can no longer settle the attempt: its orchestration is missing, ended (completed, failed,
    /// terminated) or has run past <see cref="ReconcilerOptions.MaxSagaMinutes"/> (then it is terminated first).
    /// </summary>
    private async Task<bool> SagaIsGoneAsync(AttemptRecord attempt, DurableTaskClient durable, string actor, CancellationToken cancellationToken)
    {
        var instance = await durable.GetInstanceAsync(attempt.InstanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending
                or OrchestrationRuntimeStatus.Suspended))
        {
            return true;
        }
        var now = clock.GetUtcNow();
        if (attempt.CreatedAt > now.AddMinutes(-options.Value.MaxSagaMinutes))
        {
            return false;
        }
        LogTerminating(logger, attempt.Id, attempt.InstanceId);
        await durable.TerminateInstanceAsync(attempt.InstanceId, "Ran past Reconciler:MaxSagaMinutes; settled by the reconciler", cancellationToken);
        await attempts.RecordAsync(attempt, "orchestration_terminated", now, actor,
            new { attemptId = attempt.Id, instanceId = attempt.InstanceId, reason = "max_saga_minutes" }, cancellationToken);
        return true;
    }

    private async Task<ReconcileResult> SettleAsync(AttemptRecord attempt, bool inFlight, string actor, CancellationToken cancellationToken)
    {
        var facts = await truth.ReadAsync(attempt, cancellationToken);
        if (facts.FoundPaymentIntentId is { } found)
        {
            // A hold the saga never recorded: on record from now on, so every step below (and any later pass) acts on it.
            await attempts.RecordFoundPaymentIntentAsync(attempt, found, clock.GetUtcNow(), actor, cancellationToken);
            attempt = attempt with { PaymentIntentId = found };
        }
        var plan = ReconcilePolicy.Decide(facts.ForPolicy);
        var done = new List<string>();
        string? blocker = plan.Verdict == ReconcileVerdict.Wait ? Blocker(facts) : null;
        // Recording the booking is part of ending the attempt (one transaction), after the provider steps.
        foreach (var step in plan.Steps.Where(s => s != ReconcileStep.RecordBooking))
        {
            var outcome = await steps.RunAsync(step, attempt, facts.FlightOrder?.ProviderOrderId ?? attempt.ProviderOrderId, actor, cancellationToken);
            if (!outcome.Ok)
            {
                blocker = $"{step}: {outcome.Note}";
                break;
            }
            done.Add(step.ToString());
        }
        if (blocker is null && await EndAsync(attempt, plan, facts, actor, cancellationToken) is { } ended)
        {
            return new ReconcileResult(attempt.Id, ended, facts.Hold.ToString(), facts.Order.ToString(), done, null, false);
        }
        blocker ??= "settled_by_someone_else";
        if (inFlight && await attempts.FlagAsync(attempt, ReconcileCodes.OrchestrationLost, clock.GetUtcNow(), actor,
                new { attemptId = attempt.Id, failureCode = ReconcileCodes.OrchestrationLost, hold = facts.Hold.ToString(), order = facts.Order.ToString(), blocker },
                cancellationToken))
        {
            LogFlagged(logger, attempt.Id, ReconcileCodes.OrchestrationLost, blocker);
            metrics.Flagged();
            bookingMetrics.AttemptEnded("needs_attention", ReconcileCodes.OrchestrationLost);
        }
        var escalated = await EscalateIfOldAsync(attempt, facts, actor, cancellationToken);
        return new ReconcileResult(attempt.Id, ReconcileResult.Waiting, facts.Hold.ToString(), facts.Order.ToString(), done, blocker, escalated);
    }

    /// <summary>Ends the attempt as the plan says; the outcome word, or null when someone else ended it first.</summary>
    private async Task<string?> EndAsync(AttemptRecord attempt, ReconcilePlan plan, AttemptFacts facts, string actor, CancellationToken cancellationToken)
    {
        var booked = plan.Verdict == ReconcileVerdict.Booked;
        var order = facts.FlightOrder;
        if (booked && order is null && !facts.BookingRecorded)
        {
            return null;
        }
        var settlement = booked
            ? AttemptSettlement.AsBooked(order?.ProviderOrderId ?? attempt.ProviderOrderId!, order?.BookingReference ?? "", order?.TicketNumbers ?? [])
            : AttemptSettlement.AsNotBooked(plan.FailureCode!, plan.TripTo);
        var detail = new
        {
            attemptId = attempt.Id,
            outcome = booked ? ReconcileResult.Booked : ReconcileResult.NotBooked,
            failureCode = plan.FailureCode,
            hold = facts.Hold.ToString(),
            intentStatus = facts.IntentStatus,
            order = facts.Order.ToString(),
            providerOrderId = order?.ProviderOrderId ?? attempt.ProviderOrderId,
            bookingReference = order?.BookingReference,
            steps = plan.Steps.Select(s => s.ToString()).ToArray(),
        };
        if (!await attempts.SettleAsync(attempt, settlement, clock.GetUtcNow(), actor, detail, cancellationToken))
        {
            return null;
        }
        var word = booked ? ReconcileResult.Booked : ReconcileResult.NotBooked;
        LogSettled(logger, attempt.Id, word, plan.FailureCode);
        metrics.Settled(word);
        bookingMetrics.AttemptEnded(booked ? "booked" : "not_booked", plan.FailureCode);
        return word;
    }

    private async Task<bool> EscalateIfOldAsync(AttemptRecord attempt, AttemptFacts facts, string actor, CancellationToken cancellationToken)
    {
        var age = clock.GetUtcNow() - attempt.CreatedAt;
        if (!ReconcilePolicy.HoldNeedsEscalation(facts.Hold, age, TimeSpan.FromHours(options.Value.HoldEscalationHours)))
        {
            return false;
        }
        var first = await attempts.EscalateHoldAsync(attempt, clock.GetUtcNow(), actor,
            new { attemptId = attempt.Id, paymentIntentId = attempt.PaymentIntentId, holdAgeHours = Math.Round(age.TotalHours, 1), order = facts.Order.ToString() },
            cancellationToken);
        if (first)
        {
            var hours = Math.Round(age.TotalHours, 1);
            var order = facts.Order.ToString();
            LogHoldEscalated(logger, attempt.Id, hours, order);
            metrics.HoldEscalated();
        }
        return first;
    }

    private static string Blocker(AttemptFacts facts) => facts switch
    {
        { Hold: HoldState.Unknown } => "stripe_unreachable",
        { Hold: HoldState.Pending } => "payment_" + facts.IntentStatus,
        { Order: OrderState.Unknown } => "order_unknown",
        _ => "undecided",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciler pass: {Claimed} attempts claimed, {Settled} settled")]
    private static partial void LogPass(ILogger logger, int claimed, int settled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled attempt {AttemptId}: {Outcome} ({FailureCode})")]
    private static partial void LogSettled(ILogger logger, Guid attemptId, string outcome, string? failureCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {AttemptId}: orchestration {InstanceId} ran far too long; terminating it")]
    private static partial void LogTerminating(ILogger logger, Guid attemptId, string instanceId);

    // Alerts: their ids, messages, rules and runbook entries are listed in Alerts.
    [LoggerMessage(EventId = Alerts.HoldEscalated.Id, Level = Alerts.HoldEscalated.Level, Message = Alerts.HoldEscalated.Message)]
    private static partial void LogHoldEscalated(ILogger logger, Guid attemptId, double holdAgeHours, string orderState);

    [LoggerMessage(EventId = Alerts.ReconcilerNeedsAttention.Id, Level = Alerts.ReconcilerNeedsAttention.Level, Message = Alerts.ReconcilerNeedsAttention.Message)]
    private static partial void LogFlagged(ILogger logger, Guid attemptId, string failureCode, string blocker);
}
