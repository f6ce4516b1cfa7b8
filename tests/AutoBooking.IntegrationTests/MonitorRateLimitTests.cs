using AutoBooking.Core.Messages;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Provider searches go through one budget shared by every instance (Redis): our own per-minute window and what
/// Duffel's ratelimit-* headers last said. When the budget is spent, checks are deferred and the sweep claims less; the
/// budget counts searches, so trips sharing a search are claimed with it.
/// </summary>
public sealed class MonitorRateLimitTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private Db db = null!;

    public async Task InitializeAsync()
    {
        harness.Overrides["Monitor:ProviderSearchesPerMinute"] = "2";
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task OurWindowSpent_TheThirdSearchIsDeferred_AndTheSweepClaimsNothing()
    {
        var trips = new List<Guid>();
        foreach (var destination in new[] { "JFK", "EWR", "BOS" })
        {
            harness.PinFare(destination, 400m);
            trips.Add(await harness.CreateTripIdAsync(TripBodies.Valid(destination: destination, maxPrice: 300m), TestTokens.For("user-" + destination)));
        }

        var outcomes = await harness.DrainSearchQueueAsync();

        Assert.Equal([SearchOutcome.NoQualifyingOffer, SearchOutcome.NoQualifyingOffer, SearchOutcome.Deferred], outcomes);
        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
        var deferred = trips[2];
        Assert.Equal(0, await harness.ChecksMadeAsync(deferred));
        Assert.Null(await harness.LatestCheckAsync(deferred));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_events where trip_id = @deferred and kind = 'search_completed'", new { deferred }));
        Assert.True(await db.ScalarAsync<bool>("select next_check_at > now() and claim_token is null from trip_requests where id = @deferred", new { deferred }));

        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute'");
        Assert.Equal(0, await harness.RunMonitorSweepAsync());
        Assert.Empty(await harness.PeekAllAsync(harness.SearchQueue));
        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
    }

    [Fact]
    public async Task BudgetForOneSearch_ManyTripsShareIt_TheSweepClaimsThemAllWithTheSearch()
    {
        var sharing = new List<Guid>();
        foreach (var user in new[] { "a", "b", "c", "d" })
        {
            sharing.Add(await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-" + user)));
        }
        // One provider search serves all four first checks: one of the window's two searches is left.
        await harness.DrainSearchQueueAsync();
        Assert.Single(harness.Sandbox.Ledger.OfferRequests);
        var other = await harness.CreateTripIdAsync(TripBodies.Valid(destination: "EWR", maxPrice: 300m), TestTokens.For("user-e"));
        await harness.SearchQueue.ClearMessagesAsync();
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '2 minutes' where id = any(@sharing)", new { sharing });
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute' where id = @other", new { other });

        // The budget limits searches, not trips: the four trips come along with their one search.
        Assert.True(await harness.RunMonitorSweepAsync() >= sharing.Count);

        var messages = (await harness.PeekAllAsync(harness.SearchQueue)).Select(StageQueues.Deserialize<SearchRequestMessage>).ToList();
        var shared = Assert.Single(messages, m => m.SearchKey is not null);
        Assert.Equal(sharing.Count, await db.ScalarAsync<int>(
            "select count(*)::int from trip_requests where id = any(@sharing) and claim_token = @token and next_check_at > now()",
            new { sharing, token = shared.ClaimToken }));
    }

    [Fact]
    public async Task DuffelSaysNothingRemains_NoSearchUntilItsReset_AndTheSweepWaits()
    {
        harness.Sandbox.Faults.RateLimitReset = TimeSpan.FromMinutes(5);
        harness.Sandbox.Faults.FailNext(DuffelOperation.CreateOfferRequest, 1, DuffelFault.RateLimited);
        var first = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-a"));
        var second = await harness.CreateTripIdAsync(TripBodies.Valid(destination: "EWR", maxPrice: 300m), TestTokens.For("user-b"));
        await harness.SearchQueue.ClearMessagesAsync();
        var search = harness.Get<TripSearch>();

        var refused = await Assert.ThrowsAsync<DuffelApiException>(() => search.SearchAsync(new SearchRequestMessage(first, "c1"), CancellationToken.None));
        Assert.Equal(DuffelFailureKind.RateLimited, refused.Kind);
        var requestsSoFar = harness.Sandbox.Ledger.Requests.Count(r => r.Path.EndsWith("/air/offer_requests", StringComparison.Ordinal));

        Assert.Equal(SearchOutcome.Deferred, await search.SearchAsync(new SearchRequestMessage(second, "c2"), CancellationToken.None));
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute'");
        Assert.Equal(0, await harness.RunMonitorSweepAsync());

        Assert.Equal(requestsSoFar, harness.Sandbox.Ledger.Requests.Count(r => r.Path.EndsWith("/air/offer_requests", StringComparison.Ordinal)));
        Assert.Empty(harness.Sandbox.Ledger.OfferRequests);
    }
}
