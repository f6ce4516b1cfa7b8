using AutoBooking.Sandbox;
using Microsoft.DurableTask.Client;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Randomized faults over many bookings, seeded so a failing run can be replayed. Each booking gets its own trip (and
/// user), a card outcome, 0–4 faulted operations of every kind the sandbox has (Duffel per operation and kind, Resend) plus
/// Stripe failures at the port, and sometimes a worker crash mid-saga (the orchestration terminated). Once its saga has
/// ended, the faults are cleared, an hour passes and one reconciler pass runs; then the DESIGN §5 invariants are checked
/// for the trip (<see cref="SagaInvariants"/>). A quarter of the bookings are in approval mode on a fare that can be held
/// (a Duffel hold order, then the Payments API), approved or declined as soon as the traveler is asked.
/// </summary>
public sealed class ChaosRunner(ReconcilerRig rig, int seed)
{
    private static readonly DuffelOperation[] DuffelOperations =
    [
        DuffelOperation.CreateOfferRequest, DuffelOperation.GetOffer, DuffelOperation.CreateOrder, DuffelOperation.GetOrder,
        DuffelOperation.ListOrders, DuffelOperation.CreateOrderCancellation, DuffelOperation.ConfirmOrderCancellation,
        DuffelOperation.CreatePayment,
    ];

    private static readonly (string Card, int Weight)[] Cards =
    [
        ("pm_card_visa", 60), ("pm_card_mastercard", 10), ("pm_card_chargeDeclined", 8), ("pm_card_chargeDeclinedInsufficientFunds", 6),
        ("pm_card_chargeDeclinedProcessingError", 4), ("pm_card_chargeDeclinedExpiredCard", 4), ("pm_card_authenticationRequired", 8),
        ("pm_card_processing", 3),
    ];

    private readonly Random random = new(seed);
    private readonly List<string> faultsOfRun = [];

    public ChaosReport Report { get; } = new();

    public async Task RunAsync(int bookings, Action<string>? progress = null)
    {
        for (var run = 0; run < bookings; run++)
        {
            await RunOneAsync(run, progress);
            if (progress is not null && (run + 1) % 50 == 0)
            {
                progress($"{run + 1} bookings, {Report.TotalViolations} violations");
            }
        }
    }

    private async Task RunOneAsync(int run, Action<string>? progress)
    {
        var harness = rig.Harness;
        faultsOfRun.Clear();
        // Each booking searches afresh: a bought offer is gone, and a shared search would hand the next trip the same one.
        await harness.ExpireSharedSearchesAsync();
        var card = Pick(Cards);
        Fault("card:" + card);
        var token = TestTokens.For($"chaos-{seed}-{run}");
        var held = random.Next(100) < 25;
        var body = TripBodies.Valid(paymentMethod: card);
        if (held)
        {
            // AA's fares can be held: approval mode holds the fare before asking.
            body = TripBodies.With(TripBodies.With(body, "\"approvalRequired\": true"), "\"includedAirlines\": [\"AA\"]");
            Fault("mode:held_fare");
        }
        var tripId = await harness.CreateTripIdAsync(body, token);
        ArrangeFaults(tripId);

        // A search that fails (its offer request faulted past the client's retries) is redelivered, as the host does.
        var (_, poisoned) = await harness.DrainSearchQueueWithRedeliveryAsync();
        if (poisoned > 0)
        {
            Report.Count(Report.Outcomes, "search message poisoned");
        }
        await harness.DrainBookingQueueAsync();
        if (held)
        {
            await AnswerWhenAskedAsync(tripId, token, approve: random.Next(100) < 80);
        }
        var outcome = await WaitForSagaAsync(tripId);

        // The outage is over: time passes, the reconciler makes one pass.
        harness.Sandbox.Faults.Clear();
        rig.Switch.Reset();
        rig.LetAnHourPass();
        await rig.RunReconcilerAsync();
        // Back to the sandbox's time: its offers live 30 real minutes, and the next trip must be able to buy one.
        rig.Clock.Advance(TimeSpan.FromHours(-1));

        var attemptStatus = await rig.Db.ScalarAsync<string?>(
            "select status || coalesce(' ' || failure_code, '') from booking_attempts where trip_id = @tripId order by attempt_no desc limit 1", new { tripId });
        Report.Count(Report.Outcomes, outcome + " -> " + (attemptStatus ?? "no_attempt"));
        foreach (var (invariant, _, detail) in await SagaInvariants.CheckTripAsync(harness.Sandbox.Ledger, harness.DatabaseConnectionString, tripId))
        {
            Report.Count(Report.Violations, invariant);
            progress?.Invoke($"run {run}: [{invariant}] {detail} (faults: {string.Join(", ", faultsOfRun)})");
            if (Report.Examples.Count < 20)
            {
                Report.Examples.Add($"run {run}: [{invariant}] {detail}");
            }
        }
        Report.Runs++;

        // A trip that went back to watching (offer gone, order absent) would share every later run's search and try to
        // book its offer too; each run is one booking, so the traveler gives up here.
        if (await rig.TripStatusAsync(tripId) == "watching")
        {
            await harness.Get<TripCommandsFunction>().Cancel(PipelineHarness.Request("POST", token: token), tripId.ToString(), default);
        }
    }

    private void Fault(string kind)
    {
        Report.Count(Report.FaultsByKind, kind);
        faultsOfRun.Add(kind);
    }

    private void ArrangeFaults(Guid tripId)
    {
        var faults = rig.Harness.Sandbox.Faults;
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            var roll = random.Next(100);
            var count = random.Next(1, 4);
            if (roll < 60)
            {
                var operation = DuffelOperations[random.Next(DuffelOperations.Length)];
                var kind = DuffelKind(operation);
                faults.FailNext(operation, count, kind);
                Fault($"duffel:{operation}:{kind}");
            }
            else if (roll < 80)
            {
                var kind = random.Next(2) == 0 ? ResendFault.RateLimited : ResendFault.ServerError;
                faults.FailNextEmails(count * 2, kind);
                Fault($"resend:{kind}");
            }
            else
            {
                rig.Switch.FailNextStripeCalls(count);
                Fault("stripe:api_error");
            }
        }
        if (random.Next(100) < 15)
        {
            var point = (CrashPoint)random.Next(1, 5);
            rig.Switch.Crash = point;
            rig.Switch.OnCrash = () => rig.TerminateAsync(tripId);
            Fault("process:crash_" + point);
        }
    }

    private DuffelFault DuffelKind(DuffelOperation operation)
    {
        // Timeouts are rarer: each costs the client's whole timeout per try.
        DuffelFault[] kinds = operation switch
        {
            DuffelOperation.CreateOrder =>
            [
                DuffelFault.ServerError, DuffelFault.ServiceUnavailable, DuffelFault.RateLimited, DuffelFault.LostResponse,
                DuffelFault.AcceptedThenFailed, DuffelFault.OfferNoLongerAvailable, DuffelFault.Timeout,
            ],
            DuffelOperation.GetOffer => [DuffelFault.ServerError, DuffelFault.ServiceUnavailable, DuffelFault.RateLimited, DuffelFault.OfferNoLongerAvailable],
            DuffelOperation.ConfirmOrderCancellation => [DuffelFault.ServerError, DuffelFault.ServiceUnavailable, DuffelFault.LostResponse, DuffelFault.RateLimited],
            DuffelOperation.CreatePayment =>
                [DuffelFault.ServerError, DuffelFault.ServiceUnavailable, DuffelFault.RateLimited, DuffelFault.LostResponse, DuffelFault.Timeout],
            _ => [DuffelFault.ServerError, DuffelFault.ServiceUnavailable, DuffelFault.RateLimited, DuffelFault.Timeout],
        };
        var kind = kinds[random.Next(kinds.Length)];
        return kind == DuffelFault.Timeout && random.Next(3) != 0 ? DuffelFault.ServerError : kind;
    }

    /// <summary>
    /// Approval mode: once the saga asks (the approval_requested event), the traveler answers. A saga that ends without
    /// asking (no attempt, the hold's outcome unknown) or a crashed worker is left as it is.
    /// </summary>
    private async Task AnswerWhenAskedAsync(Guid tripId, string token, bool approve)
    {
        Fault(approve ? "answer:approve" : "answer:decline");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await rig.Db.ScalarAsync<long>("select count(*) from trip_events where trip_id = @tripId and kind = 'approval_requested'", new { tripId }) > 0)
            {
                await rig.Harness.Get<ApproveTripFunction>().Run(
                    PipelineHarness.Request("POST", approve ? """{"approve":true}""" : """{"approve":false}""", token), tripId.ToString(),
                    rig.Harness.Durable, default);
                return;
            }
            var attempts = await rig.Db.ScalarAsync<long>("select count(*) from booking_attempts where trip_id = @tripId", new { tripId });
            var ended = await rig.Db.ScalarAsync<long>(
                "select count(*) from booking_attempts where trip_id = @tripId and status in ('succeeded','failed','needs_attention')", new { tripId });
            if (ended > 0 || (attempts == 0 && DateTime.UtcNow > deadline.AddSeconds(-25)))
            {
                return;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>How the trip's saga ended (or that none started), waiting for its orchestration whatever the status.</summary>
    private async Task<string> WaitForSagaAsync(Guid tripId)
    {
        var instanceId = await rig.Db.ScalarAsync<string?>(
            "select instance_id from booking_attempts where trip_id = @tripId order by attempt_no desc limit 1", new { tripId });
        if (instanceId is null)
        {
            return "no_saga";
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            var state = await rig.Harness.Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
            return state.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                ? "saga_" + state.ReadOutputAs<Core.Booking.BookingOutcome>()!.Kind.ToString().ToLowerInvariant()
                : "saga_" + state.RuntimeStatus.ToString().ToLowerInvariant();
        }
        catch (OperationCanceledException)
        {
            await rig.TerminateAsync(tripId);
            return "saga_stuck";
        }
    }

    private string Pick((string Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }
        return choices[^1].Value;
    }
}
