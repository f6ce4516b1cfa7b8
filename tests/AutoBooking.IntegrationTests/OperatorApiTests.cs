using System.Text.Json;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The operators' API over attempts that need attention: list with facts (no PII), re-run, release, record a booking
/// checked with Duffel, cancel the order, refund; each audited with the operator as actor, checked against the ledger.
/// </summary>
public sealed class OperatorApiTests : IAsyncLifetime
{
    private readonly ReconcilerRig rig = new();

    private PipelineHarness Harness => rig.Harness;

    private OperatorAttemptsFunction Api => Harness.Get<OperatorAttemptsFunction>();

    public async Task InitializeAsync()
    {
        await rig.InitializeAsync();
        Harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
    }

    public Task DisposeAsync() => rig.DisposeAsync();

    /// <summary>A booking whose worker died at <paramref name="point"/>, then a pass while Duffel was down: needs attention.</summary>
    private async Task<(Guid TripId, Guid AttemptId)> FlaggedAsync(CrashPoint point)
    {
        var tripId = await rig.BookAndCrashAsync(point);
        rig.Switch.DuffelDown = true;
        rig.LetAnHourPass();
        Assert.Equal(ReconcileResult.Waiting, Assert.Single((await rig.RunReconcilerAsync()).Results).Outcome);
        rig.Switch.DuffelDown = false;
        Assert.Equal("needs_attention", await rig.AttemptStatusAsync(tripId));
        return (tripId, await rig.Db.ScalarAsync<Guid>("select id from booking_attempts where trip_id = @tripId", new { tripId }));
    }

    private static OperatorActionResponse Ok(IActionResult result) => Assert.IsType<OperatorActionResponse>(Assert.IsType<OkObjectResult>(result).Value);

    private Task<long> OperatorEventsAsync(Guid tripId, string kind) => rig.Db.ScalarAsync<long>(
        "select count(*) from trip_events where trip_id = @tripId and kind = @kind and actor = 'operator:ops-1'", new { tripId, kind });

    [Fact]
    public async Task List_ShowsFlaggedAttemptsWithFacts_AndNoPii()
    {
        var (_, attemptId) = await FlaggedAsync(CrashPoint.BeforeCapture);

        var result = await Api.List(PipelineHarness.Request("GET", token: OperatorTokens.Operator()), default);

        var json = JsonSerializer.Serialize(Assert.IsType<OkObjectResult>(result).Value, JsonSerializerOptions.Web);
        var item = JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(attemptId, item.GetProperty("attemptId").GetGuid());
        Assert.Equal("needs_attention", item.GetProperty("status").GetString());
        Assert.Equal("orchestration_lost", item.GetProperty("failureCode").GetString());
        Assert.Equal(Harness.Sandbox.Ledger.PaymentIntents[0].Id, item.GetProperty("paymentIntentId").GetString());
        Assert.Equal(Harness.Sandbox.Ledger.Orders[0].Id, item.GetProperty("providerOrderId").GetString());
        Assert.Equal(420m, item.GetProperty("amount").GetDecimal());
        Assert.True(item.GetProperty("holdAgeHours").GetDouble() >= 1);
        foreach (var pii in new[] { "Ada", "Lovelace", "example.com", "+44" })
        {
            Assert.DoesNotContain(pii, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RecordBooking_ChecksTheOrderWithDuffel_ThenCapturesAndBooks()
    {
        var (tripId, attemptId) = await FlaggedAsync(CrashPoint.BeforeCapture);
        var order = Assert.Single(Harness.Sandbox.Ledger.Orders);

        var unknown = await Api.RecordBooking(PipelineHarness.Request("POST", """{"orderId":"ord_0000NOPE"}""", OperatorTokens.Operator()),
            attemptId.ToString(), Harness.Durable, default);
        var missing = await Api.RecordBooking(PipelineHarness.Request("POST", "{}", OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default);
        var recorded = Ok(await Api.RecordBooking(PipelineHarness.Request("POST", $$"""{"orderId":"{{order.Id}}"}""", OperatorTokens.Operator()),
            attemptId.ToString(), Harness.Durable, default));

        Assert.Equal("order_not_found", ApiEndpoints.AssertProblem(unknown, 409, "operator-conflict", "unknown order").Extensions["reason"]?.ToString());
        ApiEndpoints.AssertProblem(missing, 400, "validation", "no order id");
        Assert.Equal("succeeded", recorded.Attempt.Status);
        Assert.Equal(1, Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).CaptureCount);
        Assert.Equal(order.Id, await rig.Db.ScalarAsync<string>("select provider_order_id from bookings where trip_id = @tripId", new { tripId }));
        Assert.Equal("booked", await rig.TripStatusAsync(tripId));
        Assert.Equal(1, await OperatorEventsAsync(tripId, "settlement_capture"));
        Assert.Equal(1, await OperatorEventsAsync(tripId, "attempt_reconciled"));
        // The request without an order id never reached the attempt: two actions audited.
        Assert.Equal(2, await OperatorEventsAsync(tripId, "operator_action"));
    }

    [Fact]
    public async Task Release_ReleasesTheHold_AndTheAttemptEndsOnceNoOrderExists()
    {
        var (tripId, attemptId) = await FlaggedAsync(CrashPoint.BeforeOrder);
        // Long enough after the flag for "no order found" to prove that none exists.
        rig.LetAnHourPass();

        var released = Ok(await Api.Release(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default));
        var again = await Api.Release(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default);

        Assert.Equal("canceled", Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).Status);
        Assert.Equal(ReconcileResult.NotBooked, released.Reconciliation!.Outcome);
        Assert.Equal("failed", released.Attempt.Status);
        Assert.Equal("not_held", ApiEndpoints.AssertProblem(again, 409, "operator-conflict", "second release").Extensions["reason"]?.ToString());
        Assert.Equal("watching", await rig.TripStatusAsync(tripId));
        Assert.Equal(1, await OperatorEventsAsync(tripId, "settlement_release_hold"));
    }

    [Fact]
    public async Task Release_WhileTheOrderIsLive_Is409OrderLive_AndTheHoldStays()
    {
        var (tripId, attemptId) = await FlaggedAsync(CrashPoint.BeforeCapture);

        var refused = await Api.Release(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default);

        Assert.Equal("order_live", ApiEndpoints.AssertProblem(refused, 409, "operator-conflict", "release with a live order").Extensions["reason"]?.ToString());
        Assert.Equal("requires_capture", Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).Status);
        Assert.Empty(Harness.Sandbox.Ledger.OrderCancellations);
        Assert.Equal("needs_attention", await rig.AttemptStatusAsync(tripId));
        Assert.Equal(0, await OperatorEventsAsync(tripId, "settlement_release_hold"));
    }

    [Fact]
    public async Task CancelOrder_CancelsTheOrder_ThenTheHoldIsReleased()
    {
        var (tripId, attemptId) = await FlaggedAsync(CrashPoint.BeforeCapture);

        var cancelled = Ok(await Api.CancelOrder(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default));

        Assert.NotNull(Assert.Single(Harness.Sandbox.Ledger.OrderCancellations).ConfirmedAt);
        Assert.Equal("canceled", Assert.Single(Harness.Sandbox.Ledger.PaymentIntents).Status);
        Assert.Equal(0, Harness.Sandbox.Ledger.PaymentIntents[0].CaptureCount);
        Assert.Equal(ReconcileResult.NotBooked, cancelled.Reconciliation!.Outcome);
        Assert.Equal(0, await rig.Db.ScalarAsync<long>("select count(*) from bookings"));
        Assert.Equal(1, await OperatorEventsAsync(tripId, "settlement_cancel_order"));
        Assert.Equal(1, await OperatorEventsAsync(tripId, "settlement_release_hold"));
    }

    [Fact]
    public async Task Reconcile_RerunsReconciliation_OnceDuffelAnswers()
    {
        var (tripId, attemptId) = await FlaggedAsync(CrashPoint.BeforeCapture);

        var rerun = Ok(await Api.Reconcile(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default));
        var unknown = await Api.Reconcile(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), Guid.NewGuid().ToString(), Harness.Durable, default);

        Assert.Equal(ReconcileResult.Booked, rerun.Reconciliation!.Outcome);
        Assert.Equal("booked", await rig.TripStatusAsync(tripId));
        Assert.Equal(1, Harness.Sandbox.Ledger.PaymentIntents[0].CaptureCount);
        ApiEndpoints.AssertProblem(unknown, 404, "not-found", "unknown attempt");
        Assert.Equal(1, await OperatorEventsAsync(tripId, "attempt_reconciled"));
    }

    [Fact]
    public async Task Refund_WhileTheOrderIsLive_Is409OrderLive_AndChangesNothing()
    {
        var (tripId, attemptId) = await BookedAsync();
        var before = await rig.Db.RowCountsAsync();

        var refused = await Api.Refund(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default);

        var problem = ApiEndpoints.AssertProblem(refused, 409, "operator-conflict", "refund with a live order");
        Assert.Equal("order_live", problem.Extensions["reason"]?.ToString());
        Assert.Empty(Harness.Sandbox.Ledger.Refunds);
        Assert.Equal("confirmed", await rig.Db.ScalarAsync<string>("select status from bookings where trip_id = @tripId", new { tripId }));
        // Only the audit of the refused action was added.
        Assert.Equal(before["trip_events"] + 1, (await rig.Db.RowCountsAsync())["trip_events"]);
    }

    [Fact]
    public async Task Refund_AfterTheOrderIsCancelled_RefundsOnce_AndMarksTheBooking()
    {
        var (tripId, attemptId) = await BookedAsync();
        Ok(await Api.CancelOrder(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default));

        var refunded = Ok(await Api.Refund(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default));
        var twice = Ok(await Api.Refund(PipelineHarness.Request("POST", token: OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default));

        var refund = Assert.Single(Harness.Sandbox.Ledger.Refunds);
        Assert.Equal(42000, refund.Amount);
        Assert.Equal(refund.Id, refunded.Note);
        Assert.Equal(refund.Id, twice.Note);
        Assert.Single(Harness.Sandbox.Ledger.OrderCancellations);
        Assert.Equal("refunded", await rig.Db.ScalarAsync<string>("select status from bookings where trip_id = @tripId", new { tripId }));
        Assert.Equal(0, await OperatorEventsAsync(tripId, "refund_override"));
    }

    [Fact]
    public async Task Refund_WithAnOverrideReason_RefundsTheLiveOrdersPayment_AndAuditsWhy()
    {
        var (tripId, attemptId) = await BookedAsync();
        const string Why = "Airline confirmed by phone the ticket is void; order cancel endpoint down";
        var body = $$"""{"overrideReason":"{{Why}}"}""";

        var refunded = Ok(await Api.Refund(PipelineHarness.Request("POST", body, OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default));

        var refund = Assert.Single(Harness.Sandbox.Ledger.Refunds);
        Assert.Equal(refund.Id, refunded.Note);
        Assert.Empty(Harness.Sandbox.Ledger.OrderCancellations);
        Assert.Equal("refunded", await rig.Db.ScalarAsync<string>("select status from bookings where trip_id = @tripId", new { tripId }));
        Assert.Equal(1, await OperatorEventsAsync(tripId, "refund_override"));
        Assert.Equal(Why, await rig.Db.ScalarAsync<string>(
            "select detail->>'overrideReason' from trip_events where trip_id = @tripId and kind = 'refund_override'", new { tripId }));
    }

    [Theory]
    [InlineData("""{"overrideReason":"because"}""", "validation")]
    [InlineData("""{"overrideReason":"ten chars\nbut a newline"}""", "validation")]
    [InlineData("""{"overrideReason":null}""", "validation")]
    [InlineData("""{"reason":"an unknown field name"}""", "malformed-json")]
    [InlineData("""{"overrideReason":""", "malformed-json")]
    public async Task Refund_HostileBody_Is400AndChangesNothing(string body, string type)
    {
        var (_, attemptId) = await BookedAsync();
        var before = await rig.Db.RowCountsAsync();

        var refused = await Api.Refund(PipelineHarness.Request("POST", body, OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default);

        ApiEndpoints.AssertProblem(refused, 400, type, "refund " + body);
        Assert.Equal(before, await rig.Db.RowCountsAsync());
        Assert.Empty(Harness.Sandbox.Ledger.Refunds);
    }

    private async Task<(Guid TripId, Guid AttemptId)> BookedAsync()
    {
        var tripId = await Harness.CreateTripIdAsync(TripBodies.Valid(), TestTokens.For("user-ada"));
        Assert.Equal(Core.Booking.BookingOutcomeKind.Booked, (await Harness.RunBookingAsync(tripId)).Kind);
        return (tripId, await rig.Db.ScalarAsync<Guid>("select id from booking_attempts where trip_id = @tripId", new { tripId }));
    }

    [Theory]
    [InlineData("""{"orderId":"ord_0000\n"}""", "validation")]
    [InlineData("""{"orderId":"../air/offers"}""", "validation")]
    [InlineData("""{"orderId":"ord_\u0000"}""", "validation")]
    [InlineData("""{"orderId":1}""", "malformed-json")]
    [InlineData("""{"order""", "malformed-json")]
    public async Task OrderActions_HostileOrderId_Are400AndChangeNothing(string body, string type)
    {
        var (_, attemptId) = await FlaggedAsync(CrashPoint.BeforeCapture);
        var before = await rig.Db.RowCountsAsync();

        var cancel = await Api.CancelOrder(PipelineHarness.Request("POST", body, OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default);
        var record = await Api.RecordBooking(PipelineHarness.Request("POST", body, OperatorTokens.Operator()), attemptId.ToString(), Harness.Durable, default);

        // A malformed body never falls back to cancelling the attempt's own order.
        ApiEndpoints.AssertProblem(cancel, 400, type, "cancel-order " + body);
        ApiEndpoints.AssertProblem(record, 400, type, "record-booking " + body);
        Assert.Equal(before, await rig.Db.RowCountsAsync());
        Assert.Empty(Harness.Sandbox.Ledger.OrderCancellations);
    }
}
