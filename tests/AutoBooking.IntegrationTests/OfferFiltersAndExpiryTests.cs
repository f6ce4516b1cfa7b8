using AutoBooking.Core.Booking;
using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.IntegrationTests;

/// <summary>Airline, bag and duration limits decide what is bought; an expired watch stops.</summary>
public sealed class OfferFiltersAndExpiryTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        // The sandbox offers BA non-stop at this fare, AA one-stop at 1.12× and VS non-stop at 1.27×, one checked bag each.
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 400m, "GBP");
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task ExcludedAirline_IsNeverBought_TheNextBestQualifyingOfferIs()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.With(TripBodies.Valid(maxPrice: 500m), "\"excludedAirlines\": [\"BA\"]"), ada);

        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Equal(44800, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Amount);
        Assert.Equal("AA", Assert.Single(harness.Sandbox.Ledger.Orders).Owner);
    }

    [Fact]
    public async Task PreferredAirline_IsStoredAndShown_ButPriceStaysDominant()
    {
        // VS flies non-stop at 1.27× the BA fare: far beyond the 5% a preference may cost.
        var tripId = await harness.CreateTripIdAsync(TripBodies.With(TripBodies.Valid(maxPrice: 900m), "\"preferredAirlines\": [\"VS\"]"), ada);
        var trip = Assert.IsType<Functions.Trips.TripResponse>(
            Assert.IsType<Microsoft.AspNetCore.Mvc.OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);

        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(["VS"], trip.PreferredAirlines);
        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Equal("BA", Assert.Single(harness.Sandbox.Ledger.Orders).Owner);
        Assert.Equal(["VS"], await db.ScalarAsync<string[]>("select preferred_airlines from trip_requests where id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task MoreBagsThanAnyFareIncludes_NothingQualifies()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.With(TripBodies.Valid(maxPrice: 900m), "\"checkedBags\": 2"), ada);

        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.DrainSearchQueueAsync());

        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal(3, await db.ScalarAsync<int>("select offer_count from price_observations where trip_id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task ExpiredTrip_StopsWatching_AndIsNeverSearchedAgain()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var tripId = await harness.CreateTripIdAsync(TripBodies.With(TripBodies.Valid(maxPrice: 100m), $"\"expiresAt\": \"{expiresAt}\""), ada);
        await harness.DrainSearchQueueAsync();
        await db.ExecuteAsync("update trip_requests set expires_at = now() - interval '1 minute', next_check_at = now() - interval '1 minute'");

        Assert.Equal(0, await harness.RunMonitorSweepAsync());

        Assert.Equal("expired", await db.ScalarAsync<string>("select status from trip_requests where id = @tripId", new { tripId }));
        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and to_status = 'expired'", new { tripId }));
        Assert.Single(harness.Sandbox.Ledger.OfferRequests);
    }

}
