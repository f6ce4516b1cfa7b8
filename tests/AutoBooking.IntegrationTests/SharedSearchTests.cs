using AutoBooking.Core.Booking;
using AutoBooking.Core.Messages;
using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Identical searches of different trips share one provider search (DESIGN §6), even when they run at the same
/// moment; different searches never do; and a shared result is only a shortlist: buying re-prices the offer.
/// </summary>
public sealed class SharedSearchTests : IAsyncLifetime
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
    public async Task TwoTripsSearchingTheSame_ShareOneProviderSearch_AndTheOneWithTheBudgetStillRepricesAndBuys()
    {
        var watching = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-ada"));
        var buying = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), TestTokens.For("user-grace"));

        Assert.Equal([SearchOutcome.NoQualifyingOffer, SearchOutcome.BookingRequested], await harness.DrainSearchQueueAsync());
        await harness.DrainBookingQueueAsync();
        var outcome = await harness.WaitForBookingAsync(buying);

        Assert.Single(harness.Sandbox.Ledger.OfferRequests);
        Assert.Equal([false, true], await SharedFlagsAsync(watching, buying));
        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Contains(harness.Sandbox.Ledger.Requests, r => r.Method == "GET" && r.Path.Contains("/air/offers/", StringComparison.Ordinal));
        Assert.Equal(42000, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Amount);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from price_observations where trip_id = @watching", new { watching }));
    }

    [Fact]
    public async Task IdenticalSearchesAtTheSameMoment_OneWaitsForTheOther()
    {
        var trips = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            trips.Add(await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For($"user-{i}")));
        }
        var search = harness.Get<TripSearch>();

        var outcomes = await Task.WhenAll(trips.Select(id => search.SearchAsync(new SearchRequestMessage(id, "concurrent"), CancellationToken.None)));

        Assert.All(outcomes, o => Assert.Equal(SearchOutcome.NoQualifyingOffer, o));
        Assert.Single(harness.Sandbox.Ledger.OfferRequests);
        Assert.Equal(3, (await SharedFlagsAsync([.. trips])).Count(shared => shared));
    }

    [Fact]
    public async Task DifferentSearches_NeverShare()
    {
        await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-ada"));
        await harness.CreateTripIdAsync(TripBodies.Valid(destination: "EWR", maxPrice: 300m), TestTokens.For("user-grace"));
        await harness.CreateTripIdAsync(TripBodies.With(TripBodies.Valid(maxPrice: 300m), "\"maxConnections\": 0").Replace("\"maxConnections\": 1,", "", StringComparison.Ordinal),
            TestTokens.For("user-alan"));

        await harness.DrainSearchQueueAsync();

        Assert.Equal(3, harness.Sandbox.Ledger.OfferRequests.Count);
    }

    private async Task<List<bool>> SharedFlagsAsync(params Guid[] tripIds)
    {
        var flags = new List<bool>();
        foreach (var tripId in tripIds)
        {
            flags.Add((await harness.LatestCheckAsync(tripId))!.Shared);
        }
        return flags;
    }
}

/// <summary>A shared result never outlives its offers' buyable time: offers inside the expiry buffer are not shared.</summary>
public sealed class SharedSearchExpiryTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();

    public async Task InitializeAsync()
    {
        // The sandbox's offers live 30 minutes: with a 30-minute safety buffer none is buyable long enough to share.
        harness.Overrides["Booking:OfferExpiryBufferMinutes"] = "30";
        await harness.InitializeAsync();
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task OffersAboutToExpire_AreNotShared()
    {
        await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-ada"));
        await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-grace"));

        await harness.DrainSearchQueueAsync();

        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
    }
}
