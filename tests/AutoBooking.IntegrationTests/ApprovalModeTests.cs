using AutoBooking.Core.Booking;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>Approval mode: nothing is held or bought until the traveler approves the fare; no answer means no purchase.</summary>
public sealed class ApprovalModeTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        harness.Overrides["Booking:ApprovalTimeoutSeconds"] = "5";
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Approved_HoldsBuysAndCapturesOnlyAfterTheAnswer()
    {
        var tripId = await StartAwaitingApprovalAsync();
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal(("booking", "approve_fare"), await StatusAndStageAsync(tripId));

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: true));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Equal(("booked", "booked"), await StatusAndStageAsync(tripId));
        Assert.Equal(1, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).CaptureCount);
    }

    [Fact]
    public async Task Declined_BuysNothingAndWatchesOn()
    {
        var tripId = await StartAwaitingApprovalAsync();

        Assert.IsType<AcceptedResult>(await AnswerAsync(tripId, approve: false));
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.ApprovalDeclined, outcome.FailureCode);
        Assert.NotEqual("approve_fare", (await StatusAndStageAsync(tripId)).Stage);
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        Assert.Equal("watching", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task NoAnswer_TimesOutBuysNothingAndWatchesOn_ALateAnswerIs409()
    {
        var tripId = await StartAwaitingApprovalAsync();

        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(FailureCodes.ApprovalTimedOut, outcome.FailureCode);
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        var problem = ApiEndpoints.AssertProblem(await AnswerAsync(tripId, approve: true), 409, "illegal-transition", "late answer");
        Assert.Equal("watching", problem.Extensions["currentStatus"]?.ToString());
    }

    [Fact]
    public async Task Answer_WithoutApprovalMode_Is409_AndAMissingAnswerIs400()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 100m), ada);

        ApiEndpoints.AssertProblem(await AnswerAsync(tripId, approve: true), 409, "illegal-transition", "not in approval mode");
        ApiEndpoints.AssertProblem(await harness.Get<ApproveTripFunction>().Run(
            PipelineHarness.Request("POST", "{}", ada), tripId.ToString(), harness.Durable, default), 400, "validation", "no answer");
    }

    private async Task<Guid> StartAwaitingApprovalAsync()
    {
        var body = TripBodies.Valid().Replace("\"cabin\": \"economy\",", "\"cabin\": \"economy\", \"approvalRequired\": true,", StringComparison.Ordinal);
        var tripId = await harness.CreateTripIdAsync(body, ada);
        await harness.DrainSearchQueueAsync();
        await harness.DrainBookingQueueAsync();
        // The saga records the request before it waits; an answer raised earlier would still be buffered by Durable.
        await Eventually.TrueAsync(async () => await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'approval_requested'", new { tripId }) > 0, "the approval request");
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from trip_events where trip_id = @tripId and kind = 'approval_requested'", new { tripId }));
        return tripId;
    }

    private async Task<(string Status, string Stage)> StatusAndStageAsync(Guid tripId)
    {
        var trip = Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);
        return (trip.Status, trip.Stage);
    }

    private Task<IActionResult> AnswerAsync(Guid tripId, bool approve) =>
        harness.Get<ApproveTripFunction>().Run(
            PipelineHarness.Request("POST", approve ? """{"approve":true}""" : """{"approve":false}""", ada), tripId.ToString(), harness.Durable, default);
}
