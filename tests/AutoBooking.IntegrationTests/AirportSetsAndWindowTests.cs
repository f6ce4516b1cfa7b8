using System.Globalization;
using AutoBooking.Core.Booking;
using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Alternative airports and a departure window: each check searches the next airport/date combination, so a
/// whole window is covered in rotation and a cheaper alternative is found and bought.
/// </summary>
public sealed class AirportSetsAndWindowTests : IAsyncLifetime
{
    private static readonly DateOnly Day = TripBodies.DepartureDate;
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        foreach (var origin in new[] { "LHR", "LGW" })
        {
            for (var day = 0; day < 3; day++)
            {
                harness.Sandbox.Fares.SetFare(origin, "JFK", Day.AddDays(day), 600m);
            }
        }
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Checks_RotateOverEveryAirportAndDate_OnePerCheck()
    {
        var tripId = await harness.CreateTripIdAsync(
            TripBodies.With(TripBodies.Valid(maxPrice: 300m), $"\"additionalOrigins\": [\"LGW\"], \"latestDepartureDate\": \"{Iso(Day.AddDays(1))}\""), ada);

        await harness.DrainSearchQueueAsync();
        var shared = new List<bool> { (await harness.LatestCheckAsync(tripId))!.Shared };
        for (var check = 1; check < 5; check++)
        {
            await harness.CheckAgainAsync(tripId);
            shared.Add((await harness.LatestCheckAsync(tripId))!.Shared);
        }

        // Four provider searches; the fifth check repeats the first combination within the shared-search time, so it
        // reuses that result (the trip's history says so) instead of paying for the same search again.
        var searched = harness.Sandbox.Ledger.OfferRequests.Select(r => Assert.Single(r.Slices)).ToList();
        LedgerSlice[] expected =
        [
            new("LHR", "JFK", Day), new("LGW", "JFK", Day), new("LHR", "JFK", Day.AddDays(1)), new("LGW", "JFK", Day.AddDays(1)),
        ];
        Assert.Equal(expected, searched);
        Assert.Equal([false, false, false, false, true], shared);
        Assert.Equal(5, await harness.ChecksMadeAsync(tripId));
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
    }

    [Fact]
    public async Task CheaperAlternativeAirportOnALaterDay_IsFoundAndBought()
    {
        harness.Sandbox.Fares.SetFare("LGW", "JFK", Day.AddDays(1), 250m);
        var tripId = await harness.CreateTripIdAsync(
            TripBodies.With(TripBodies.Valid(maxPrice: 300m), $"\"additionalOrigins\": [\"LGW\"], \"latestDepartureDate\": \"{Iso(Day.AddDays(1))}\""), ada);

        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.DrainSearchQueueAsync());
        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.CheckAgainAsync(tripId));
        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.CheckAgainAsync(tripId));
        Assert.Equal([SearchOutcome.BookingRequested], await harness.CheckAgainAsync(tripId));
        await harness.DrainBookingQueueAsync();
        var outcome = await harness.WaitForBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Equal(25000, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Amount);
        Assert.Equal(new LedgerSlice("LGW", "JFK", Day.AddDays(1)), Assert.Single(harness.Sandbox.Ledger.OfferRequests[^1].Slices));
    }

    [Fact]
    public async Task Trip_ShowsItsAlternatives_AndAnUpdateRestartsTheRotation()
    {
        var tripId = await harness.CreateTripIdAsync(
            TripBodies.With(TripBodies.Valid(maxPrice: 300m), $"\"additionalOrigins\": [\"LGW\"], \"latestDepartureDate\": \"{Iso(Day.AddDays(2))}\""), ada);
        await harness.DrainSearchQueueAsync();
        await harness.CheckAgainAsync(tripId);

        var trip = await GetAsync(tripId);
        Assert.Equal(["LGW"], trip.AdditionalOrigins);
        Assert.Empty(trip.AdditionalDestinations);
        Assert.Equal(Day.AddDays(2), trip.LatestDepartureDate);

        var patch = PipelineHarness.RawRequest("PATCH", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"additionalOrigins": [], "latestDepartureDate": "{{Iso(Day)}}"}"""), ada, "application/json");
        Assert.IsType<OkObjectResult>(await harness.Get<UpdateTripFunction>().Run(patch, tripId.ToString(), CancellationToken.None));
        await harness.DrainSearchQueueAsync();
        await harness.CheckAgainAsync(tripId);

        var updated = await GetAsync(tripId);
        Assert.Empty(updated.AdditionalOrigins);
        Assert.Equal(Day, updated.LatestDepartureDate);
        Assert.All(harness.Sandbox.Ledger.OfferRequests.Skip(2), r => Assert.Equal(new LedgerSlice("LHR", "JFK", Day), Assert.Single(r.Slices)));
    }


    private async Task<TripResponse> GetAsync(Guid tripId) =>
        Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

}
