using AutoBooking.Core.Booking;
using AutoBooking.Functions.Http;
using AutoBooking.Functions.Pipeline;
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
    public async Task IdenticalSearches_RedisDown_RunUnshared_AndTheBookingStillCompletes()
    {
        var db = new Db(harness.DatabaseConnectionString);
        var watching = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 300m), TestTokens.For("user-ada"));
        var buying = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), TestTokens.For("user-grace"));

        Assert.Equal([SearchOutcome.NoQualifyingOffer, SearchOutcome.BookingRequested], await harness.DrainSearchQueueAsync());
        Assert.Equal([StartOutcome.Started], await harness.DrainBookingQueueAsync());
        var outcome = await harness.WaitForBookingAsync(buying);

        Assert.Equal(2, harness.Sandbox.Ledger.OfferRequests.Count);
        foreach (var tripId in new[] { watching, buying })
        {
            Assert.False(await db.ScalarAsync<bool>(
                "select (detail ->> 'shared')::boolean from trip_events where trip_id = @tripId and kind = 'search_completed'", new { tripId }));
        }
        Assert.Contains(harness.Logs.Lines, line => line.Contains("Redis unavailable: searching without sharing", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Lines, line => line.Contains("without the start lock", StringComparison.Ordinal));
        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from bookings where trip_id = @buying", new { buying }));
    }
}
