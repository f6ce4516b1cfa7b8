using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The reconciler settles what a dead saga left (orchestration terminated after the hold, after the order, after the
/// capture), attempts that need attention once the provider answers again, escalates ageing holds in simulated time,
/// and never acts twice when passes overlap. Asserted against the sandbox ledger and the database.
/// </summary>
public sealed class AttemptReconcilerTests : IAsyncLifetime
{
    private readonly ReconcilerRig rig = new();

    private PipelineHarness Harness => rig.Harness;

    public async Task InitializeAsync()
    {
        await rig.InitializeAsync();
        Harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
    }

    public Task DisposeAsync() => rig.DisposeAsync();

    [Fact]
    public async Task TerminatedAfterHold_NoOrderExists_ReleasesTheHoldAndWatchesAgain()
    {
        var tripId = await rig.BookAndCrashAsync(CrashPoint.BeforeOrder);
        Assert.Equal("authorized", await rig.AttemptStatusAsync(tripId));

        // A pass too early leaves the attempt alone: it has not been quiet long enough.
        Assert.Equal(0, (await rig.RunReconcilerAsync()).Claimed);
        rig.LetAnHourPass();
        var result = Assert.Single((await rig.RunReconcilerAsync()).Results);

        Assert.Equal(ReconcileResult.NotBooked, result.Outcome);
        Assert.Empty(Harness.Sandbox.Ledger.Orders);
        var intent = Assert.Single(Harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("canceled", intent.Status);
        Assert.Equal(0, intent.CaptureCount);
        Assert.Equal("failed", await rig.AttemptStatusAsync(tripId));
        Assert.Equal("order_absent", await rig.Db.ScalarAsync<string>("select failure_code from booking_attempts where trip_id = @tripId", new { tripId }));
        Assert.Equal("watching", await rig.TripStatusAsync(tripId));
        Assert.Equal(1, await rig.Db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'settlement_release_hold' and actor = 'reconciler' and detail->>'outcome' = 'done'", new { tripId }));
    }

    [Fact]
    public async Task TerminatedBetweenStripesHoldAndItsRecord_FindsTheHoldAtStripe_AndReleasesIt()
    {
        var tripId = await rig.BookAndCrashAsync(CrashPoint.AfterAuthorize);
        var held = Assert.Single(Harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("requires_capture", held.Status);
        Assert.Null(await rig.Db.ScalarAsync<string?>("select payment_intent_id from booking_attempts where trip_id = @tripId", new { tripId }));

        rig.LetAnHourPass();
        var result = Assert.Single((await rig.RunReconcilerAsync()).Results);

        Assert.Equal(ReconcileResult.NotBooked, result.Outcome);
        Assert.Empty(Harness.Sandbox.Ledger.Orders);
        var intent = Assert.Single(Harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("canceled", intent.Status);
        Assert.Equal(0, intent.CaptureCount);
        Assert.Equal(intent.Id, await rig.Db.ScalarAsync<string?>("select payment_intent_id from booking_attempts where trip_id = @tripId", new { tripId }));
        Assert.Equal("failed", await rig.AttemptStatusAsync(tripId));
        Assert.Equal("watching", await rig.TripStatusAsync(tripId));
        Assert.Equal(1, await rig.Db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'payment_intent_found' and actor = 'reconciler'", new { tripId }));
        await SagaInvariants.AssertTripAsync(Harness.Sandbox.Ledger, Harness.DatabaseConnectionString, tripId);
    }

    [Fact]
    public async Task NoHoldOnRecord_StripeUnreachable_DecidesNothing()
    {
        var tripId = await rig.BookAndCrashAsync(CrashPoint.AfterAuthorize);
        rig.LetAnHourPass();
        rig.Switch.StripeDown = true;

        await rig.RunReconcilerAsync();

        Assert.Equal("requires_capture", Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).Status);
        Assert.NotEqual("failed", await rig.AttemptStatusAsync(tripId));
        Assert.NotEqual("watching", await rig.TripStatusAsync(tripId));
    }

    [Fact]
    public async Task TerminatedAfterOrder_CapturesAndRecordsTheBooking()
    {
        var tripId = await rig.BookAndCrashAsync(CrashPoint.BeforeCapture);
        Assert.Equal("ordered", await rig.AttemptStatusAsync(tripId));
        rig.LetAnHourPass();

        var result = Assert.Single((await rig.RunReconcilerAsync()).Results);

        Assert.Equal(ReconcileResult.Booked, result.Outcome);
        var order = Assert.Single(Harness.Sandbox.Ledger.Orders);
        var intent = Assert.Single(Harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal("succeeded", intent.Status);
        Assert.Equal(1, intent.CaptureCount);
        Assert.Equal(order.Id, await rig.Db.ScalarAsync<string>("select provider_order_id from bookings where trip_id = @tripId", new { tripId }));
        Assert.Equal(order.BookingReference, await rig.Db.ScalarAsync<string>("select booking_reference from bookings where trip_id = @tripId", new { tripId }));
        Assert.Equal("succeeded", await rig.AttemptStatusAsync(tripId));
        Assert.Equal("booked", await rig.TripStatusAsync(tripId));
        Assert.Empty(Harness.Sandbox.Ledger.OrderCancellations);
    }

    [Fact]
    public async Task TerminatedAfterCapture_RecordsTheBookingWithoutCapturingAgain()
    {
        var tripId = await rig.BookAndCrashAsync(CrashPoint.AfterCapture);
        Assert.Equal("ordered", await rig.AttemptStatusAsync(tripId));
        rig.LetAnHourPass();

        // Through the timer function, as the Functions host runs it.
        var settled = await Harness.Get<Functions.Reconciliation.ReconcileAttemptsFunction>().Run(
            new Microsoft.Azure.Functions.Worker.TimerInfo(), Harness.Durable, CancellationToken.None);

        Assert.Equal(1, settled);
        Assert.Single(Harness.Sandbox.Ledger.RequestsTo("stripe", "POST", $"/v1/payment_intents/{Harness.Sandbox.Ledger.PaymentIntents[0].Id}/capture"));
        Assert.Equal(1, await rig.Db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'attempt_reconciled' and detail->>'outcome' = 'booked'", new { tripId }));
        Assert.Equal(1, Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).CaptureCount);
        Assert.Equal(1, await rig.Db.ScalarAsync<long>("select count(*) from bookings where trip_id = @tripId", new { tripId }));
        Assert.Equal("booked", await rig.TripStatusAsync(tripId));
    }

    [Fact]
    public async Task HoldGone_OrderLive_CancelsTheOrder_AndTwoPassesAtOnceCancelOnce()
    {
        var tripId = await rig.BookAndCrashAsync(CrashPoint.BeforeCapture);
        // The hold lapsed (or was released by hand) while nobody watched: the money can no longer be taken.
        var intentId = Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).Id;
        await Harness.Get<Core.Ports.IPaymentGateway>().CancelAuthorizationAsync(intentId, "test-lapse", CancellationToken.None);
        rig.LetAnHourPass();

        var passes = await Task.WhenAll(rig.RunReconcilerAsync(), rig.RunReconcilerAsync());

        var result = Assert.Single(passes.SelectMany(p => p.Results));
        Assert.Equal(ReconcileResult.NotBooked, result.Outcome);
        var cancellation = Assert.Single(Harness.Sandbox.Ledger.OrderCancellations);
        Assert.NotNull(cancellation.ConfirmedAt);
        Assert.Equal(0, Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).CaptureCount);
        Assert.Equal("payment_not_taken", await rig.Db.ScalarAsync<string>("select failure_code from booking_attempts where trip_id = @tripId", new { tripId }));
        Assert.Equal("failed", await rig.TripStatusAsync(tripId));
        Assert.Equal(0, await rig.Db.ScalarAsync<long>("select count(*) from bookings"));
    }

    [Fact]
    public async Task TwoPassesAtOnce_CaptureOnceAndBookOnce()
    {
        var tripId = await rig.BookAndCrashAsync(CrashPoint.BeforeCapture);
        rig.LetAnHourPass();

        var passes = await Task.WhenAll(rig.RunReconcilerAsync(), rig.RunReconcilerAsync(), rig.RunReconcilerAsync());

        Assert.Equal(ReconcileResult.Booked, Assert.Single(passes.SelectMany(p => p.Results)).Outcome);
        var intent = Assert.Single(Harness.Sandbox.Ledger.PaymentIntents);
        Assert.Single(Harness.Sandbox.Ledger.RequestsTo("stripe", "POST", $"/v1/payment_intents/{intent.Id}/capture"));
        Assert.Equal(1, await rig.Db.ScalarAsync<long>("select count(*) from bookings where trip_id = @tripId", new { tripId }));
        Assert.Equal(1, await rig.Db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'attempt_reconciled'", new { tripId }));
        // A later pass finds nothing left to do.
        rig.LetAnHourPass();
        Assert.Equal(0, (await rig.RunReconcilerAsync()).Claimed);
    }

    [Fact]
    public async Task DuffelDown_AttemptIsFlagged_ThenSettledOnceDuffelAnswers()
    {
        var tripId = await rig.BookAndCrashAsync(CrashPoint.BeforeCapture);
        rig.Switch.DuffelDown = true;
        rig.LetAnHourPass();

        var first = Assert.Single((await rig.RunReconcilerAsync()).Results);

        Assert.Equal(ReconcileResult.Waiting, first.Outcome);
        Assert.Equal("order_unknown", first.Blocker);
        Assert.Equal("needs_attention", await rig.AttemptStatusAsync(tripId));
        Assert.Equal("failed", await rig.TripStatusAsync(tripId));
        Assert.Contains(Harness.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("needs attention: orchestration_lost", StringComparison.Ordinal));
        Assert.Equal("requires_capture", Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).Status);
        // Re-checked only after Reconciler:RecheckMinutes.
        Assert.Equal(0, (await rig.RunReconcilerAsync()).Claimed);

        rig.Switch.DuffelDown = false;
        rig.LetAnHourPass();
        var second = Assert.Single((await rig.RunReconcilerAsync()).Results);

        Assert.Equal(ReconcileResult.Booked, second.Outcome);
        Assert.Equal("succeeded", await rig.AttemptStatusAsync(tripId));
        Assert.Equal("booked", await rig.TripStatusAsync(tripId));
        Assert.Equal(1, Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).CaptureCount);
    }

    [Fact]
    public async Task SagaFlaggedUnknownOrder_SettledOnceTheOrderListAnswers()
    {
        // The order's response is lost and Duffel's order list fails all along the saga's own look-ups.
        var tripId = await Harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For("user-ada"));
        rig.Switch.DuffelDown = false;
        Harness.Sandbox.Faults.FailNextOrderCreation(1, Sandbox.DuffelFault.LostResponse);
        Harness.Sandbox.Faults.FailNext(Sandbox.DuffelOperation.ListOrders, 500, Sandbox.DuffelFault.RateLimited);
        Harness.Sandbox.Faults.RateLimitReset = TimeSpan.Zero;
        await Harness.DrainSearchQueueAsync();
        await Harness.DrainBookingQueueAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            await Harness.Durable.WaitForInstanceCompletionAsync(await rig.InstanceOfAsync(tripId), false, timeout.Token);
        }
        Assert.Single(Harness.Sandbox.Ledger.Orders);
        Assert.NotEqual("succeeded", await rig.AttemptStatusAsync(tripId));

        Harness.Sandbox.Faults.Clear();
        rig.LetAnHourPass();
        var result = Assert.Single((await rig.RunReconcilerAsync()).Results);

        Assert.Equal(ReconcileResult.Booked, result.Outcome);
        Assert.Equal("booked", await rig.TripStatusAsync(tripId));
        Assert.Equal(Harness.Sandbox.Ledger.Orders[0].Id, await rig.Db.ScalarAsync<string>("select provider_order_id from bookings where trip_id = @tripId", new { tripId }));
        Assert.Equal(1, Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).CaptureCount);
    }

    [Fact]
    public async Task AgeingHold_IsEscalatedOnce_BeforeTheCardNetworkLimit()
    {
        var tripId = await rig.BookAndCrashAsync(CrashPoint.BeforeCapture);
        rig.Switch.DuffelDown = true;
        rig.LetAnHourPass();
        Assert.False(Assert.Single((await rig.RunReconcilerAsync()).Results).HoldEscalated);

        rig.Clock.Advance(TimeSpan.FromHours(24));
        Assert.True(Assert.Single((await rig.RunReconcilerAsync()).Results).HoldEscalated);
        rig.LetAnHourPass();
        Assert.False(Assert.Single((await rig.RunReconcilerAsync()).Results).HoldEscalated);

        Assert.Equal(1, await rig.Db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'hold_escalated'", new { tripId }));
        Assert.Single(Harness.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("ALERT card hold of attempt", StringComparison.Ordinal));
        Assert.Equal("requires_capture", Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).Status);
    }

    [Fact]
    public async Task RunningSaga_IsLeftAlone()
    {
        // Approval mode: the saga waits for the traveler (nothing held), its orchestration running.
        var body = TripBodies.Valid().Replace("\"autoBookConsent\"", "\"approvalRequired\": true, \"autoBookConsent\"", StringComparison.Ordinal);
        var tripId = await Harness.CreateTripIdAsync(body, TestTokens.For("user-ada"));
        await Harness.DrainSearchQueueAsync();
        await Harness.DrainBookingQueueAsync();
        // The saga is waiting once it asked: only then does time move, so none of its steps writes under the later clock.
        await Eventually.TrueAsync(async () => await rig.Db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'approval_requested'", new { tripId }) > 0, "the approval request");
        rig.LetAnHourPass();

        var result = Assert.Single((await rig.RunReconcilerAsync()).Results);

        Assert.Equal(ReconcileResult.SagaRunning, result.Outcome);
        Assert.Equal("started", await rig.AttemptStatusAsync(tripId));
        Assert.Equal("booking", await rig.TripStatusAsync(tripId));
    }
}
