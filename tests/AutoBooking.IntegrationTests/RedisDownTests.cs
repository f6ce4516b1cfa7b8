using AutoBooking.Core.Booking;
using AutoBooking.Functions.Monitor;
using AutoBooking.Functions.Operations;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Redis only saves work, so the app starts and runs without it: health says 503 (a dependency is down), identical
/// searches run unshared (each trip its own provider search), and a booking starts without the Redis lock
/// (Postgres decides) and completes.
/// </summary>
public sealed class RedisDownTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();

    public async Task InitializeAsync()
    {
        harness.Overrides["Redis:ConnectionString"] = $"127.0.0.1:{ClosedPort.Next()}";
        harness.Overrides["Redis:ConnectTimeoutMilliseconds"] = "500";
        await harness.InitializeAsync();
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Health_RedisDown_Answers503WithRedisDown()
    {
        var result = Assert.IsType<ObjectResult>(await harness.Get<HealthFunction>().Run(PipelineHarness.Request("GET"), CancellationToken.None));

        Assert.Equal(503, result.StatusCode);
        Assert.Equal(new HealthReport(false, "up", "down", "current"), result.Value);
    }

    [Fact]
    public async Task IdenticalSearches_RedisDown_StillSharedThroughPostgres_AndTheBookingStillCompletes()
    {
        var db = new Db(harness.DatabaseConnectionString);
        var watching = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-ada"));
        var buying = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), TestTokens.For("user-grace"));

        Assert.Equal([SearchOutcome.NoQualifyingOffer, SearchOutcome.BookingRequested], await harness.DrainSearchQueueAsync());
        Assert.Equal([StartOutcome.Started], await harness.DrainBookingQueueAsync());
        var outcome = await harness.WaitForBookingAsync(buying);

        // Sharing lives in Postgres (the searches table), so a Redis outage does not multiply provider searches;
        // only the shared rate budget and the booking start lock are skipped, each with a warning.
        Assert.Single(harness.Sandbox.Ledger.OfferRequests);
        Assert.Equal(1, await harness.ChecksMadeAsync(watching));
        Assert.Equal(1, await harness.ChecksMadeAsync(buying));
        Assert.Equal(2L, await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id in (@watching, @buying) and kind = 'search_completed'", new { watching, buying }));
        Assert.Contains(harness.Logs.Lines, line => line.Contains("Redis unavailable: provider searches go on without the shared budget", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Lines, line => line.Contains("without the start lock", StringComparison.Ordinal));
        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from bookings where trip_id = @buying", new { buying }));
    }
}
