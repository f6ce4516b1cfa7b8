using System.Globalization;
using System.Text.Json.Nodes;
using AutoBooking.Core.Booking;
using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// A return trip for a family (an adult, a child, an infant on the adult's lap): searched with both slices and
/// the passengers' ages on the last flight, bought with each traveler on the right passenger id and the infant
/// seated on the adult, and the companions' identities never stored or logged in clear.
/// </summary>
public sealed class FamilyReturnTripTests : IAsyncLifetime
{
    private static readonly DateOnly Out = TripBodies.DepartureDate;
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
        harness.Sandbox.Fares.SetFare("LHR", "JFK", Out, 400m);
        // The inbound of a 7- or 8-night return.
        harness.Sandbox.Fares.SetFare("JFK", "LHR", Out.AddDays(7), 300m);
        harness.Sandbox.Fares.SetFare("JFK", "LHR", Out.AddDays(8), 300m);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task FamilyReturn_IsSearchedAndBoughtForEveryone_InfantOnTheAdultsLap()
    {
        var tripId = await harness.CreateTripIdAsync(FamilyReturn(minNights: 7, maxNights: 7, maxPrice: 5000m), ada);

        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        var search = Assert.Single(harness.Sandbox.Ledger.OfferRequests);
        Assert.Equal([new LedgerSlice("LHR", "JFK", Out), new LedgerSlice("JFK", "LHR", Out.AddDays(7))], search.Slices);
        Assert.Equal(["adult", "child", "infant_without_seat"], search.Passengers.Select(p => p.Type));
        Assert.Equal([null, 8, 1], search.Passengers.Select(p => p.Age));

        var order = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Equal(["Ada", "Zebedee", "Quintessa"], order.Passengers.Select(p => p.GivenName));
        Assert.Equal(order.Passengers[2].Id, order.Passengers[0].InfantPassengerId);
        Assert.Null(order.Passengers[1].InfantPassengerId);
        Assert.Equal((long)(order.TotalAmount * 100), Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Amount);
        // Each slice's adult fare (400 out, 300 back) once for the adult, 75% of it for the child, 10% for the infant.
        Assert.Equal((400m + 300m) * 1.85m, order.TotalAmount);
        await AssertNoCompanionPiiStoredOrLoggedAsync();
    }

    [Fact]
    public async Task OverBudgetForTheWholeFamily_NothingIsBought()
    {
        // 740 for the outbound alone: a budget that one adult's return could meet, the family's cannot.
        var tripId = await harness.CreateTripIdAsync(FamilyReturn(minNights: 7, maxNights: 7, maxPrice: 700m), ada);

        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.DrainSearchQueueAsync());

        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Equal(3, await db.ScalarAsync<int>("select offer_count from price_observations where trip_id = @tripId", new { tripId }));
    }

    [Fact]
    public async Task StayRange_IsRotatedOverCheckByCheck_AndTheTripShowsWhoFlies()
    {
        var tripId = await harness.CreateTripIdAsync(FamilyReturn(minNights: 7, maxNights: 8, maxPrice: 500m), ada);

        await harness.DrainSearchQueueAsync();
        await harness.CheckAgainAsync(tripId);

        Assert.Equal([Out.AddDays(7), Out.AddDays(8)], harness.Sandbox.Ledger.OfferRequests.Select(r => r.Slices[1].DepartureDate));
        var trip = Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);
        Assert.Equal(new ReturnStayResponse(7, 8), trip.ReturnStay);
        Assert.Equal(new PassengersResponse(1, 1, 1), trip.Passengers);
        Assert.Equal(Out.AddDays(8), trip.LatestSearch!.Searched!.ReturnDate);
        Assert.Equal(["adult", "child", "infant_without_seat"], trip.LatestSearch.Searched.Passengers);
    }

    [Fact]
    public async Task SavedCompanionProfiles_FlyToo_AnotherUsersProfileIs400()
    {
        var companion = await harness.SaveTravelerAsync(ada);
        var gracesProfile = await harness.SaveTravelerAsync(TestTokens.For("user-grace"));
        var before = await db.RowCountsAsync();

        var refused = await harness.CreateTripAsync(WithCompanionIds(gracesProfile), ada);

        var problem = Assert.IsType<ValidationProblemDetails>(ApiEndpoints.AssertProblem(refused, 400, "validation", "another user's profile"));
        Assert.Contains("/companionIds/0", problem.Errors.Keys);
        Assert.Equal(before, await db.RowCountsAsync());

        var tripId = await harness.CreateTripIdAsync(WithCompanionIds(companion), ada);
        var outcome = await harness.RunBookingAsync(tripId);

        Assert.Equal(BookingOutcomeKind.Booked, outcome.Kind);
        Assert.Equal(["Ada", "Grace"], Assert.Single(harness.Sandbox.Ledger.Orders).Passengers.Select(p => p.GivenName));
        Assert.Equal(80000, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Amount);
    }

    private async Task AssertNoCompanionPiiStoredOrLoggedAsync()
    {
        string[] pii = ["Zebedee", "Quintessa", "Lovelace"];
        foreach (var table in (await db.RowCountsAsync()).Keys)
        {
            var rows = await db.QueryAsync<string>($"select row_to_json(t)::text from {table} t");
            Assert.All(pii, value => Assert.DoesNotContain(rows, row => row.Contains(value, StringComparison.OrdinalIgnoreCase)));
        }
        Assert.All(pii, value => Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(value, StringComparison.OrdinalIgnoreCase)));
    }


    private static string WithCompanionIds(Guid id)
    {
        var body = JsonNode.Parse(TripBodies.Valid(maxPrice: 900m))!.AsObject();
        body["companionIds"] = new JsonArray(id.ToString());
        return body.ToJsonString();
    }

    private static string FamilyReturn(int minNights, int maxNights, decimal maxPrice)
    {
        var lastFlight = Out.AddDays(maxNights);
        var body = JsonNode.Parse(TripBodies.Valid(maxPrice: maxPrice))!.AsObject();
        body["returnStay"] = new JsonObject { ["minNights"] = minNights, ["maxNights"] = maxNights };
        body["companions"] = new JsonArray(
            Companion("miss", "Zebedee", lastFlight.AddYears(-8).AddDays(-10)),
            Companion("mr", "Quintessa", lastFlight.AddMonths(-14)));
        return body.ToJsonString();
    }

    private static JsonObject Companion(string title, string givenName, DateOnly bornOn) => new()
    {
        ["title"] = title, ["givenName"] = givenName, ["familyName"] = "Lovelace",
        ["bornOn"] = bornOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["gender"] = "f",
        ["email"] = "ada.lovelace@example.com", ["phone"] = "+442080160508",
        // Everyone flying abroad with BA needs a passport, children and infants too.
        ["document"] = JsonNode.Parse(TripBodies.Passport.Replace("533401222", givenName.Length.ToString("000000000", CultureInfo.InvariantCulture), StringComparison.Ordinal)),
    };
}
