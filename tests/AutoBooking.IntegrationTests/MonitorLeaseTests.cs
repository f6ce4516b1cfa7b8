using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Claims and leases: a search whose message is lost is retried once its lease has passed; a re-claim after the lease
/// never makes the old message search too; a search that is merely slow is neither claimed again nor repeated.
/// Sharing is off here so every check that searches is a provider search the sandbox ledger counts.
/// </summary>
public sealed class MonitorLeaseTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly SearchGate gate = new();
    private Db db = null!;
    private Guid tripId;

    public async Task InitializeAsync()
    {
        harness.Overrides["Monitor:SharedSearchSeconds"] = "0";
        harness.ConfigureServices = services => GatedFlightProvider.Install(services, gate);
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m);
        tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-ada"));
        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.DrainSearchQueueAsync());
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task LostSearchMessage_IsClaimedAgainOnlyAfterItsLease()
    {
        await MakeDueAsync();
        Assert.Equal(1, await harness.RunMonitorSweepAsync());
        await harness.SearchQueue.ClearMessagesAsync();

        Assert.Equal(0, await harness.RunMonitorSweepAsync());
        await LeasePassesAsync();
        Assert.Equal(1, await harness.RunMonitorSweepAsync());

        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.DrainSearchQueueAsync());
        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
        Assert.Equal(2L, await ChecksAsync());
    }

    [Fact]
    public async Task ReclaimAfterTheLease_TheOlderMessageIsSupersededAndOnlyOneSearchRuns()
    {
        await MakeDueAsync();
        Assert.Equal(1, await harness.RunMonitorSweepAsync());
        await LeasePassesAsync();
        Assert.Equal(1, await harness.RunMonitorSweepAsync());

        var outcomes = await harness.DrainSearchQueueAsync();

        Assert.Equal([SearchOutcome.NoQualifyingOffer, SearchOutcome.Superseded], outcomes.Order());
        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
        Assert.Equal(2L, await ChecksAsync());
    }

    [Fact]
    public async Task SlowSearch_IsNotClaimedAgainNorRepeatedByARedeliveredMessage()
    {
        await MakeDueAsync();
        Assert.Equal(1, await harness.RunMonitorSweepAsync());
        var message = (await harness.SearchQueue.ReceiveMessagesAsync(1)).Value.Single().Body.ToString();
        var function = harness.Get<SearchTripFunction>();
        gate.Closed = true;

        var slow = function.Run(message, CancellationToken.None);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        // The queue hands the same message out again (its visibility timeout ended) and the sweep runs meanwhile.
        var redelivered = await function.Run(message, CancellationToken.None);
        var claimedMeanwhile = await harness.RunMonitorSweepAsync();
        gate.Open();

        Assert.Equal(SearchOutcome.Superseded, redelivered);
        Assert.Equal(0, claimedMeanwhile);
        Assert.Equal(SearchOutcome.NoQualifyingOffer, await slow);
        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
        Assert.Equal(2L, await ChecksAsync());
        Assert.Null(await db.ScalarAsync<Guid?>("select claim_token from trip_requests where id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task CriteriaChangedWhileSearching_TheSlowResultSkipsTheTrip_ItsNextCheckUsesTheNewCriteria()
    {
        await MakeDueAsync();
        Assert.Equal(1, await harness.RunMonitorSweepAsync());
        var message = (await harness.SearchQueue.ReceiveMessagesAsync(1)).Value.Single().Body.ToString();
        gate.Closed = true;

        var slow = harness.Get<SearchTripFunction>().Run(message, CancellationToken.None);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        // The traveler raises the budget meanwhile: the trip leaves the search it was on and is due again at once.
        var patch = PipelineHarness.Request("PATCH", """{"maxPrice": {"amount": 500, "currency": "GBP"}}""", TestTokens.For("user-ada"));
        Assert.IsType<Microsoft.AspNetCore.Mvc.OkObjectResult>(
            await harness.Get<Functions.Trips.UpdateTripFunction>().Run(patch, tripId.ToString(), CancellationToken.None));
        gate.Open();

        Assert.Equal(SearchOutcome.Superseded, await slow);
        Assert.Equal(1, await harness.RunMonitorSweepAsync());
        Assert.Equal([SearchOutcome.BookingRequested], await harness.DrainSearchQueueAsync());
        // The first check, the slow one, and the changed trip's own (sharing is off in this class).
        Assert.Equal(3, harness.Sandbox.Ledger.OfferRequests.Count);
    }

    private Task MakeDueAsync() =>
        db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute' where id = @tripId", new { tripId });

    /// <summary>The claim's lease (Monitor:ClaimLeaseMinutes) runs out, the trip's and its search's alike.</summary>
    private Task LeasePassesAsync() => db.ExecuteAsync("""
        update trip_requests set next_check_at = now() - interval '1 second' where id = @tripId;
        update searches set lease_until = now() - interval '1 second' where lease_until is not null;
        """, new { tripId });

    private async Task<long> ChecksAsync() => await harness.ChecksMadeAsync(tripId);
}
