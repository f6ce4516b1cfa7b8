using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Migration 0020 on a database that ran before it: every trip's latest check is taken from its last search_completed
/// event (then written on every check), with the verdict that event's figures make.
/// </summary>
public sealed class TripChecksMigrationTests : IAsyncLifetime
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
    public async Task Migration0020_BackfillsEachTripsLatestCheckFromItsLastCheckEvent()
    {
        var over = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-a"));
        var fits = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), TestTokens.For("user-b"));
        var elsewhere = await harness.CreateTripIdAsync(TripBodies.Valid(destination: "EWR", maxPrice: 500m), TestTokens.For("user-c"));
        harness.Sandbox.Fares.SetNoOffers("LHR", "EWR");
        await harness.DrainSearchQueueAsync();
        // Created, its first search still queued: no check yet.
        var unchecked_ = await harness.CreateTripIdAsync(TripBodies.Valid(destination: "BOS", maxPrice: 500m), TestTokens.For("user-d"));
        Assert.Equal(3L, await db.ScalarAsync<long>("select count(*) from trip_checks"));
        var before = await LatestChecksAsync();

        // The database as it was before 0020: no trip_checks, no search_count, and the journal without the script.
        await db.ExecuteAsync("""
            drop table trip_checks;
            alter table searches drop column search_count;
            delete from schemaversions where scriptname like '%0020_trip_checks.sql';
            """);
        Assert.Equal(1, await harness.MigrateAsync());

        Assert.Equal(before, await LatestChecksAsync());
        Assert.Equal("none_qualifying", await VerdictAsync(over));
        Assert.Equal("qualifying", await VerdictAsync(fits));
        Assert.Equal("no_offers", await VerdictAsync(elsewhere));
        Assert.Null(await VerdictAsync(unchecked_));
    }

    private Task<List<(Guid TripId, string Verdict, string Detail)>> LatestChecksAsync() => db.QueryAsync<(Guid, string, string)>(
        "select trip_id, verdict, detail::text from trip_checks order by trip_id");

    private async Task<string?> VerdictAsync(Guid tripId) =>
        (await db.QueryAsync<string>("select verdict from trip_checks where trip_id = @tripId", new { tripId })).SingleOrDefault();
}
