using System.Text.Json.Nodes;
using AutoBooking.Core.Booking;
using AutoBooking.Functions.Trips;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Identity documents through the whole pipeline (issue 20). In the sandbox, as with the real Duffel, BA and VS require a
/// passport for every passenger on international routes, AA allows one abroad and takes none at home.
/// </summary>
public sealed class IdentityDocumentsTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada-documents");

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        harness.PinFare("JFK", 400m);
        harness.PinFare("LAX", 300m, origin: "JFK");
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task OfferRequiringDocuments_OrderCarriesThePassport()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), ada);

        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);

        var order = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Equal("BA", order.Owner);
        Assert.Equal(new LedgerIdentityDocument("passport", "533401222", "GB", TestCalendar.Iso(TestCalendar.Today.AddYears(10))),
            Assert.Single(order.Passengers).Document);
        // The passport stays PII: never in a log line, nor in the offer's stored terms or the trip's latest check.
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains("533401222", StringComparison.Ordinal));
        var db = new Db(harness.DatabaseConnectionString);
        Assert.Equal(0L, await db.ScalarAsync<long>(
            "select count(*) from offers where terms::text like '%533401222%' or raw::text like '%533401222%'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_checks where detail::text like '%533401222%'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trip_events where detail::text like '%533401222%'"));
    }

    [Fact]
    public async Task OfferAllowingNoDocuments_OrderCarriesNone()
    {
        // Domestic JFK→LAX on AA: its offers list no allowed document types, so the passport on file is not sent.
        var body = TripBodies.With(TripBodies.Valid("JFK", "LAX", maxPrice: 500m), "\"includedAirlines\": [\"AA\"]");
        var tripId = await harness.CreateTripIdAsync(body, ada);

        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);

        var order = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Equal("AA", order.Owner);
        Assert.Null(Assert.Single(order.Passengers).Document);
    }

    [Fact]
    public async Task TravelerWithoutPassport_OffersRequiringOneAreSkipped_TheOneThatDoesNotIsBought()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m, passport: false), ada);

        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);

        var order = Assert.Single(harness.Sandbox.Ledger.Orders);
        Assert.Equal("AA", order.Owner);
        Assert.Null(Assert.Single(order.Passengers).Document);
        Assert.Equal(44800, Assert.Single(harness.Sandbox.Ledger.PaymentIntents).Amount);
    }

    [Fact]
    public async Task TravelersLackingPassports_NothingIsBought_AndTheLatestCheckSaysWhy()
    {
        var body = JsonNode.Parse(TripBodies.With(TripBodies.Valid(maxPrice: 3000m), "\"includedAirlines\": [\"BA\", \"VS\"]"))!.AsObject();
        body["companions"] = new JsonArray(Companion("Zebedee", document: false), Companion("Quintessa", document: false));

        var tripId = await harness.CreateTripIdAsync(body.ToJsonString(), ada);

        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.DrainSearchQueueAsync());
        var check = await harness.LatestCheckAsync(tripId);
        Assert.Equal("none_qualifying", check!.Verdict);
        Assert.Contains("2 of 3 travelers have no passport on file", check.Why, StringComparison.Ordinal);
        Assert.Empty(harness.Sandbox.Ledger.PaymentIntents);
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        var trip = await GetTripAsync(tripId);
        Assert.Equal(new TravelDocumentsResponse(3, 1, 0, trip.TravelDocuments!.Warning), trip.TravelDocuments);
        Assert.StartsWith("2 of 3 travelers have no passport on file.", trip.TravelDocuments.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassportExpiringBeforeTheFlight_IsNotAccepted_AndTheLatestCheckSaysSo()
    {
        var expiring = TripBodies.Valid(maxPrice: 900m).Replace(TestCalendar.Iso(TestCalendar.Today.AddYears(10)),
            TestCalendar.Iso(TripBodies.DepartureDate.AddDays(-1)), StringComparison.Ordinal);
        var tripId = await harness.CreateTripIdAsync(TripBodies.With(expiring, "\"includedAirlines\": [\"BA\"]"), ada);

        Assert.Equal([SearchOutcome.NoQualifyingOffer], await harness.DrainSearchQueueAsync());

        var check = await harness.LatestCheckAsync(tripId);
        Assert.Contains("the traveler's passport expires before the last flight", check!.Why, StringComparison.Ordinal);
        Assert.Empty(harness.Sandbox.Ledger.Orders);
        var trip = await GetTripAsync(tripId);
        Assert.Equal(1, trip.TravelDocuments!.ExpiringBeforeTrip);
        Assert.NotNull(trip.TravelDocuments.Warning);
    }

    [Fact]
    public async Task EveryTravelerWithAValidPassport_NoWarning_AndTheLatestCheckShowsTheFaresFacts()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), ada);
        await harness.DrainSearchQueueAsync();

        var trip = await GetTripAsync(tripId);

        Assert.Equal(new TravelDocumentsResponse(1, 1, 0, null), trip.TravelDocuments);
        var facts = trip.LatestSearch!.ChosenFacts!;
        Assert.True(facts.DocumentsRequired);
        Assert.False(facts.RefundBeforeDeparture!.Allowed);
        Assert.Equal(new Core.Money.Money(65m, "GBP"), facts.ChangeBeforeDeparture!.Penalty);
        Assert.Equal((1, 1), (facts.CheckedBags, facts.CarryOnBags));
    }

    private async Task<TripResponse> GetTripAsync(Guid tripId) =>
        Assert.IsType<TripResponse>(Assert.IsType<OkObjectResult>(await harness.GetTripAsync(tripId.ToString(), ada)).Value);

    private static JsonObject Companion(string givenName, bool document)
    {
        var companion = new JsonObject
        {
            ["title"] = "mr", ["givenName"] = givenName, ["familyName"] = "Lovelace", ["bornOn"] = "1988-03-04", ["gender"] = "m",
            ["email"] = "ada.lovelace@example.com", ["phone"] = "+442080160508",
        };
        if (document)
        {
            companion["document"] = JsonNode.Parse(TripBodies.Passport);
        }
        return companion;
    }
}
