using AutoBooking.Core.Messages;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The search is the unit of work: due trips that make the same search get one message and one provider search per
/// check window, across sweeps; the result is stored once and applied to each trip with its own criteria; a search
/// made for some trips is seen at once by every trip sharing it; price history keeps a row only when prices move.
/// </summary>
public sealed class MonitorSharingTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task DueTripsOnOneSearch_OneMessageOneProviderSearch_EachTripJudgedByItsOwnCriteria()
    {
        var cheap = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-a"));
        var fits = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 400m), TestTokens.For("user-b"));
        // Only VS will do, and VS costs more than the budget.
        var picky = await harness.CreateTripIdAsync(TripBodies.With(TripBodies.Valid(maxPrice: 400m), "\"includedAirlines\": [\"VS\"]"), TestTokens.For("user-c"));
        Assert.All(await harness.DrainSearchQueueAsync(), o => Assert.Equal(SearchOutcome.NoQualifyingOffer, o));
        Assert.Single(harness.Sandbox.Ledger.OfferRequests);

        // A window later the fare has dropped, and all three are due.
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 350m);
        await harness.ExpireSharedSearchesAsync();
        await db.ExecuteAsync("update trip_requests set next_check_at = now() - interval '1 minute'");

        Assert.Equal(3, await harness.RunMonitorSweepAsync());
        var message = StageQueues.Deserialize<SearchRequestMessage>(Assert.Single(await harness.PeekAllAsync(harness.SearchQueue)));
        Assert.NotNull(message.SearchKey);
        Assert.Equal([SearchOutcome.BookingRequested], await harness.DrainSearchQueueAsync());

        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
        var booking = StageQueues.Deserialize<BookingRequestMessage>(Assert.Single(await harness.PeekAllAsync(harness.BookingQueue)));
        Assert.Equal(fits, booking.TripId);
        int[] qualifying = [await LatestQualifyingAsync(cheap), await LatestQualifyingAsync(fits), await LatestQualifyingAsync(picky)];
        // BA and AA fit the second budget; the third takes VS only, which costs more than its budget.
        Assert.Equal([0, 2, 0], qualifying);
        // The search's offers are stored once; a trip's own offer row exists only for the offer it is about to buy.
        Assert.Equal(3L, await db.ScalarAsync<long>("select count(*) from search_offers"));
        Assert.Equal(fits, Assert.Single(await db.QueryAsync<Guid>("select trip_id from offers")));
    }

    [Fact]
    public async Task OneSearchPerWindow_AcrossSweeps_AndANewResultReachesEverySharingTripAtOnce()
    {
        var first = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-a"));
        var second = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-b"));
        await harness.DrainSearchQueueAsync();
        var shared = new List<bool> { await SharedAsync(first), await SharedAsync(second) };

        // Two more sweeps inside the same window, each with one of them due: the stored result serves both.
        await harness.CheckAgainAsync(first);
        shared.Add(await SharedAsync(first));
        await harness.CheckAgainAsync(second);
        shared.Add(await SharedAsync(second));
        Assert.Single(harness.Sandbox.Ledger.OfferRequests);
        Assert.Equal([false, true, true, true], shared);

        // The window passes and only the first is due: its search runs again and the second sees the result too.
        await harness.ExpireSharedSearchesAsync();
        var secondDueAt = await db.ScalarAsync<DateTime>("select next_check_at from trip_requests where id = @second", new { second });
        await harness.CheckAgainAsync(first);

        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
        Assert.Equal(3, await harness.ChecksMadeAsync(second));
        Assert.Equal((await harness.LatestCheckAsync(first))!.OfferRequestId, (await harness.LatestCheckAsync(second))!.OfferRequestId);
        Assert.True(await db.ScalarAsync<DateTime>("select next_check_at from trip_requests where id = @second", new { second }) > secondDueAt);
    }

    [Fact]
    public async Task PriceHistory_ChecksThatSeeTheSamePrices_AddNoRow_APriceMoveAddsOne()
    {
        var trip = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-a"));
        await harness.DrainSearchQueueAsync();

        // A window later the provider is searched again and shows the same fares: the trip's last row stands for this check too.
        await harness.ExpireSharedSearchesAsync();
        await harness.CheckAgainAsync(trip);
        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
        Assert.Equal([420m], await BestOverallHistoryAsync(trip));

        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 380m);
        await harness.ExpireSharedSearchesAsync();
        await harness.CheckAgainAsync(trip);

        Assert.Equal([420m, 380m], await BestOverallHistoryAsync(trip));
        Assert.Equal(3, await db.ScalarAsync<int>("select checks_made from trip_requests where id = @trip", new { trip }));
    }

    [Fact]
    public async Task ChecksWithTheSameVerdict_AddNoAuditEvent_TheLatestCheckIsRewritten_AVerdictChangeIsAudited()
    {
        var token = TestTokens.For("user-a");
        var trip = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 400m), token);
        await harness.DrainSearchQueueAsync();
        var first = (await harness.LatestCheckAsync(trip))!;

        // Three more provider searches, each at a new price above the limit: the verdict stays "none qualifying".
        foreach (var fare in new[] { 430m, 440m, 450m })
        {
            harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, fare);
            await harness.ExpireSharedSearchesAsync();
            Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.CheckAgainAsync(trip));
        }

        Assert.Equal(4, harness.Sandbox.Ledger.OfferRequests.Count);
        var latest = (await harness.LatestCheckAsync(trip))!;
        Assert.Equal(("none_qualifying", 4), (latest.Verdict, latest.Checks));
        Assert.NotEqual(first.OfferRequestId, latest.OfferRequestId);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from trip_checks where trip_id = @trip", new { trip }));
        var read = (Functions.Trips.TripResponse)((Microsoft.AspNetCore.Mvc.OkObjectResult)await harness.GetTripAsync(trip.ToString(), token)).Value!;
        Assert.Equal(450m, read.LatestSearch?.BestOverall);
        Assert.Equal([1], await CheckEventsAsync(trip));
        Assert.Equal([420m, 430m, 440m, 450m], await BestOverallHistoryAsync(trip));

        // The fare drops under the limit: a new verdict, audited with the checks it took.
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 350m);
        await harness.ExpireSharedSearchesAsync();
        Assert.Equal([SearchOutcome.BookingRequested], await harness.CheckAgainAsync(trip));

        Assert.Equal([1, 5], await CheckEventsAsync(trip));
        Assert.Equal("qualifying", (await harness.LatestCheckAsync(trip))!.Verdict);
        Assert.Equal(5L, await db.ScalarAsync<long>("select sum(search_count)::bigint from searches"));
    }

    [Fact]
    public async Task SharedChecks_CountNoProviderSearch()
    {
        var first = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-a"));
        await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-b"));
        await harness.DrainSearchQueueAsync();
        await harness.CheckAgainAsync(first);

        Assert.Single(harness.Sandbox.Ledger.OfferRequests);
        Assert.Equal(1L, await db.ScalarAsync<long>("select sum(search_count)::bigint from searches"));
        Assert.Equal(3L, await db.ScalarAsync<long>("select sum(checks_made)::bigint from trip_requests"));
    }

    /// <summary>The trip's search_completed events, as the checks count each carries.</summary>
    private Task<List<int>> CheckEventsAsync(Guid tripId) => db.QueryAsync<int>(
        "select (detail ->> 'checks')::int from trip_events where trip_id = @tripId and kind = 'search_completed' order by id", new { tripId });

    private Task<List<decimal>> BestOverallHistoryAsync(Guid tripId) =>
        db.QueryAsync<decimal>("select best_overall_amount from price_observations where trip_id = @tripId order by id", new { tripId });

    private async Task<int> LatestQualifyingAsync(Guid tripId) => (await harness.LatestCheckAsync(tripId))!.Qualifying;

    private async Task<bool> SharedAsync(Guid tripId) => (await harness.LatestCheckAsync(tripId))!.Shared;
}
