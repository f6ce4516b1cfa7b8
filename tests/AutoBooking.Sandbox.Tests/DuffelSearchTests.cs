using System.Globalization;
using System.Net;
using System.Text.Json;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

public sealed class DuffelSearchTests : SandboxTest
{
    [Fact]
    public async Task OfferRequest_ValidSearch_Returns201WithPassengersAndNoEmbeddedOffers()
    {
        using var response = await Duffel.PostAsync("air/offer_requests?return_offers=false",
            Json.Body(DuffelCalls.SearchBody(passengers: """[{"type":"adult"},{"age":5}]""")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var requestId = Assert.Single(response.Headers.GetValues("x-request-id"));
        Assert.False(string.IsNullOrEmpty(requestId));
        var data = (await Json.ReadAsync(response)).GetProperty("data");
        Assert.StartsWith("orq_0000A", data.Str("id"), StringComparison.Ordinal);
        Assert.False(data.GetProperty("live_mode").GetBoolean());
        Assert.Equal("LHR", data.GetProperty("slices")[0].GetProperty("origin").Str("iata_code"));
        Assert.Equal(DuffelCalls.Date, data.GetProperty("slices")[0].Str("departure_date"));
        var passengers = data.GetProperty("passengers");
        Assert.Equal("adult", passengers[0].Str("type"));
        Assert.Equal(5, passengers[1].GetProperty("age").GetInt32());
        Assert.All(passengers.EnumerateArray(), p => Assert.StartsWith("pas_", p.Str("id"), StringComparison.Ordinal));
        Assert.Equal(0, data.GetProperty("offers").GetArrayLength());
        Assert.Single(Sandbox.Ledger.OfferRequests);
    }

    [Fact]
    public async Task Drift_EachEpochMovesHashedFaresWithinTheAmplitude_TheSameEpochGivesTheSamePrice()
    {
        var steady = await CheapestTotalAsync();
        Sandbox.Fares.SetDrift(0.15m, 1);
        var first = await CheapestTotalAsync();
        var again = await CheapestTotalAsync();
        Sandbox.Fares.SetDrift(0.15m, 2);
        var second = await CheapestTotalAsync();

        Assert.Equal(first, again);
        Assert.NotEqual(first, second);
        Assert.All(new[] { first, second }, total => Assert.InRange(total, steady * 0.85m - 0.01m, steady * 1.15m + 0.01m));
        Sandbox.Fares.Clear();
        Assert.Equal(steady, await CheapestTotalAsync());
    }

    private async Task<decimal> CheapestTotalAsync() =>
        decimal.Parse((await Duffel.CheapestOfferAsync()).Str("total_amount"), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Offers_LimitOne_PagesThroughThreeOffersWithCursors()
    {
        var search = await Duffel.SearchAsync();

        using var first = await Duffel.GetAsync($"air/offers?offer_request_id={search.Str("id")}&limit=1");
        var meta = (await Json.ReadAsync(first)).GetProperty("meta");
        var all = await Duffel.ListAllOffersAsync(search.Str("id"), limit: 1);

        Assert.Equal(1, meta.GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.String, meta.GetProperty("after").ValueKind);
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("before").ValueKind);
        Assert.Equal(3, all.Count);
        Assert.Equal(3, all.Select(o => o.Str("id")).Distinct().Count());
        Assert.Equal(["BA", "AA", "VS"], all.Select(o => o.GetProperty("owner").Str("iata_code")));
    }

    [Fact]
    public async Task Offers_Shape_MatchesDuffelOfferWithTwoDecimalAmounts()
    {
        Sandbox.Fares.Unpinned = UnpinnedFares.Hashed; // the range asserted below is the hash-derived one
        var offer = await Duffel.CheapestOfferAsync();

        Assert.StartsWith("off_0000A", offer.Str("id"), StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d{2}$", offer.Str("total_amount"));
        var total = decimal.Parse(offer.Str("total_amount"), CultureInfo.InvariantCulture);
        var baseAmount = decimal.Parse(offer.Str("base_amount"), CultureInfo.InvariantCulture);
        var tax = decimal.Parse(offer.Str("tax_amount"), CultureInfo.InvariantCulture);
        Assert.Equal(total, baseAmount + tax);
        Assert.InRange(total, 150m, 900m);
        Assert.Equal("GBP", offer.Str("total_currency"));
        Assert.True(offer.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(25));
        var segment = offer.GetProperty("slices")[0].GetProperty("segments")[0];
        Assert.Equal("BA", segment.GetProperty("marketing_carrier").Str("iata_code"));
        Assert.StartsWith(DuffelCalls.Date + "T", segment.Str("departing_at"), StringComparison.Ordinal);
        Assert.Equal(offer.GetProperty("passengers")[0].Str("id"), segment.GetProperty("passengers")[0].Str("passenger_id"));
        Assert.Matches(@"^PT\d+H\d+M$", offer.GetProperty("slices")[0].Str("duration"));
        Assert.True(offer.GetProperty("payment_requirements").GetProperty("requires_instant_payment").GetBoolean());
    }

    [Fact]
    public async Task Offers_SameRouteAndDate_SamePricesEverySearch()
    {
        Sandbox.Fares.Unpinned = UnpinnedFares.Hashed; // this test is about the hash-derived fares themselves
        var first = await Duffel.ListAllOffersAsync((await Duffel.SearchAsync()).Str("id"));
        var second = await Duffel.ListAllOffersAsync((await Duffel.SearchAsync()).Str("id"));
        var otherDate = await Duffel.ListAllOffersAsync((await Duffel.SearchAsync(date: TestCalendar.Iso(TestCalendar.Departure(1)))).Str("id"));

        Assert.Equal(first.Select(o => o.Str("total_amount")), second.Select(o => o.Str("total_amount")));
        Assert.NotEqual(first.Select(o => o.Str("total_amount")), otherDate.Select(o => o.Str("total_amount")));
    }

    [Fact]
    public async Task SetFare_CheapestOfferHasExactlyThatAmountOthersCostMore()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 420.00m, "EUR");

        var offers = await Duffel.ListAllOffersAsync((await Duffel.SearchAsync()).Str("id"));

        var totals = offers.Select(o => decimal.Parse(o.Str("total_amount"), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(420.00m, totals.Min());
        Assert.Equal(1, totals.Count(t => t == 420.00m));
        Assert.All(offers, o => Assert.Equal("EUR", o.Str("total_currency")));
    }

    [Fact]
    public async Task SetNoOffers_SearchFindsNothing()
    {
        Sandbox.Fares.SetNoOffers("LHR", "JFK");

        var search = await Duffel.SearchAsync();
        var offers = await Duffel.ListAllOffersAsync(search.Str("id"));

        Assert.Empty(offers);
        Assert.Equal(0, Assert.Single(Sandbox.Ledger.OfferRequests).OfferCount);
    }

    [Fact]
    public async Task OfferRequest_ReturnOffersByDefault_EmbedsOffers()
    {
        using var response = await Duffel.PostAsync("air/offer_requests", Json.Body(DuffelCalls.SearchBody()));

        var data = (await Json.ReadAsync(response)).GetProperty("data");
        Assert.Equal(3, data.GetProperty("offers").GetArrayLength());
    }

    [Fact]
    public async Task OfferRequest_ReturnTrip_OffersHaveTwoSlices()
    {
        var body = DuffelCalls.ReturnSearchBody().Replace(",\"max_connections\":1", "", StringComparison.Ordinal);
        using var response = await Duffel.PostAsync("air/offer_requests", Json.Body(body));

        var offer = (await Json.ReadAsync(response)).GetProperty("data").GetProperty("offers")[0];
        Assert.Equal(2, offer.GetProperty("slices").GetArrayLength());
        Assert.Equal("JFK", offer.GetProperty("slices")[1].GetProperty("origin").Str("iata_code"));
    }

    [Fact]
    public async Task OfferRequest_ReturnTrip_InboundHasItsOwnFlightsAndCostsWhatTheOneWayBackCosts()
    {
        var outboundOnly = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody());
        var inboundOnly = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody("JFK", "LHR", DuffelCalls.ReturnDate));

        var offer = await Duffel.CheapestOfferForAsync(DuffelCalls.ReturnSearchBody());

        var slices = offer.GetProperty("slices");
        Assert.Equal(2, slices.GetArrayLength());
        var back = slices[1];
        Assert.Equal(("JFK", "LHR"), (back.GetProperty("origin").Str("iata_code"), back.GetProperty("destination").Str("iata_code")));
        var inboundSegment = back.GetProperty("segments")[0];
        Assert.StartsWith(DuffelCalls.ReturnDate + "T", inboundSegment.Str("departing_at"), StringComparison.Ordinal);
        Assert.Equal("JFK", inboundSegment.GetProperty("origin").Str("iata_code"));
        Assert.NotEqual(slices[0].GetProperty("segments")[0].Str("id"), inboundSegment.Str("id"));
        Assert.Equal(inboundOnly.GetProperty("slices")[0].Str("duration"), back.Str("duration"));
        Assert.Equal(DuffelCalls.Total(outboundOnly) + DuffelCalls.Total(inboundOnly), DuffelCalls.Total(offer));
    }

    [Fact]
    public async Task SetFare_Return_PinsTheOutboundAdultFareAndAddsTheInbound()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400.00m);
        var inboundOnly = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody("JFK", "LHR", DuffelCalls.ReturnDate));

        var oneWay = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody());
        var roundTrip = await Duffel.CheapestOfferForAsync(DuffelCalls.ReturnSearchBody());

        Assert.Equal("400.00", oneWay.Str("total_amount"));
        Assert.Equal(400.00m + DuffelCalls.Total(inboundOnly), DuffelCalls.Total(roundTrip));
    }

    [Fact]
    public async Task Offers_ChildAndInfant_PayThreeQuartersAndATenthOfTheAdultFare()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400.00m);

        var offer = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(passengers: """[{"type":"adult"},{"age":7},{"age":1}]"""));

        // 400 + 75% of 400 + 10% of 400.
        Assert.Equal("740.00", offer.Str("total_amount"));
        var passengers = offer.GetProperty("passengers");
        Assert.Equal(["adult", "child", "infant_without_seat"], passengers.EnumerateArray().Select(p => p.Str("type")));
        Assert.Equal(JsonValueKind.Null, passengers[0].GetProperty("age").ValueKind);
        Assert.Equal([7, 1], passengers.EnumerateArray().Skip(1).Select(p => p.GetProperty("age").GetInt32()));
        var segmentPassengers = offer.GetProperty("slices")[0].GetProperty("segments")[0].GetProperty("passengers");
        Assert.Equal(passengers.EnumerateArray().Select(p => p.Str("id")), segmentPassengers.EnumerateArray().Select(p => p.Str("passenger_id")));
        Assert.Equal(1, segmentPassengers[2].GetProperty("baggages").GetArrayLength());
        var recorded = Assert.Single(Sandbox.Ledger.OfferRequests).Passengers;
        Assert.Equal(passengers.EnumerateArray().Select(p => p.Str("id")), recorded.Select(p => p.Id));
        Assert.Equal([("adult", (int?)null), ("child", 7), ("infant_without_seat", 1)], recorded.Select(p => (p.Type, p.Age)));
    }

    [Fact]
    public async Task Offers_TwoAdults_EachPayTheFareAndTheOtherOffersStayDearer()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400.00m);

        var search = await Duffel.SearchWithAsync(DuffelCalls.SearchBody(passengers: """[{"type":"adult"},{"age":30}]"""));
        var totals = (await Duffel.ListAllOffersAsync(search.Str("id"))).Select(DuffelCalls.Total).ToList();

        Assert.Equal([800.00m, 896.00m, 1016.00m], totals);
    }

    [Theory]
    [InlineData("""[]""", "/passengers")]
    [InlineData("""[{"type":"adult"},{"type":"adult"},{"type":"adult"},{"type":"adult"},{"type":"adult"},{"type":"adult"},{"type":"adult"},{"type":"adult"},{"type":"adult"},{"type":"adult"}]""", "/passengers")]
    [InlineData("""[{"age":1},{"age":0},{"type":"adult"}]""", "/passengers")]
    [InlineData("""[{"type":"infant_without_seat"},{"age":9}]""", "/passengers")]
    [InlineData("""[{"type":"adult"},{"age":-1}]""", "/passengers/1/age")]
    [InlineData("""[{"type":"adult"},{"age":131}]""", "/passengers/1/age")]
    [InlineData("""[{"type":"adult"},{"age":4.5}]""", "/passengers/1/age")]
    [InlineData("""[{"type":"adult"},{"age":"five"}]""", "/passengers/1/age")]
    [InlineData("""[{"type":"adult","age":30}]""", "/passengers/0")]
    [InlineData("""[{"type":"senior"}]""", "/passengers/0/type")]
    [InlineData("""[{}]""", "/passengers/0/type")]
    [InlineData("""["adult"]""", "/passengers/0")]
    public async Task OfferRequest_PassengersDuffelWouldRefuse_Returns422WithThePointer(string passengers, string jsonPointer)
    {
        using var response = await Duffel.PostAsync("air/offer_requests", Json.Body(DuffelCalls.SearchBody(passengers: passengers)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await Json.ReadAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("validation_error", error.Str("type"));
        Assert.Equal(jsonPointer, error.GetProperty("source").Str("pointer"));
        Assert.Empty(Sandbox.Ledger.OfferRequests);
    }

    [Fact]
    public async Task OfferRequest_InfantOnAnAdultByAgeLap_IsAccepted()
    {
        var search = await Duffel.SearchWithAsync(DuffelCalls.SearchBody(passengers: """[{"age":0},{"age":18}]"""));

        Assert.Equal(["infant_without_seat", "adult"], Assert.Single(Sandbox.Ledger.OfferRequests).Passengers.Select(p => p.Type));
        Assert.Equal(2, search.GetProperty("passengers").GetArrayLength());
    }

    [Theory]
    [InlineData("""[{"origin":"LHR","destination":"JFK","departure_date":"{D0}"},{"origin":"JFK","destination":"LHR","departure_date":"{D7}"},{"origin":"LHR","destination":"CDG","departure_date":"{D10}"}]""", "/slices")]
    [InlineData("""[{"origin":"LHR","destination":"JFK","departure_date":"{D0}"},{"origin":"JFK","destination":"CDG","departure_date":"{D7}"}]""", "/slices/1")]
    [InlineData("""[{"origin":"LHR","destination":"JFK","departure_date":"{D0}"},{"origin":"JFK","destination":"LHR","departure_date":"{D-1}"}]""", "/slices/1/departure_date")]
    [InlineData("""["LHR-JFK"]""", "/slices/0")]
    public async Task OfferRequest_SlicesTheSandboxDoesNotSell_Returns422WithThePointer(string slices, string jsonPointer)
    {
        foreach (var days in new[] { 0, 7, 10, -1 })
        {
            slices = slices.Replace($"{{D{days}}}", TestCalendar.Iso(TestCalendar.Departure(days)), StringComparison.Ordinal);
        }
        var body = $$$"""{"data":{"slices":{{{slices}}},"passengers":[{"type":"adult"}],"cabin_class":"economy"}}""";

        using var response = await Duffel.PostAsync("air/offer_requests", Json.Body(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await Json.ReadAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal(jsonPointer, error.GetProperty("source").Str("pointer"));
        Assert.Empty(Sandbox.Ledger.OfferRequests);
    }

    [Fact]
    public async Task OfferRequest_NonStopOnly_LeavesOutConnectingOffer()
    {
        var body = DuffelCalls.SearchBody().Replace("\"max_connections\":1", "\"max_connections\":0", StringComparison.Ordinal);
        using var response = await Duffel.PostAsync("air/offer_requests", Json.Body(body));

        var offers = (await Json.ReadAsync(response)).GetProperty("data").GetProperty("offers");
        Assert.Equal(2, offers.GetArrayLength());
        Assert.All(offers.EnumerateArray(), o => Assert.Equal(1, o.GetProperty("slices")[0].GetProperty("segments").GetArrayLength()));
    }

    [Theory]
    [InlineData("lhr", "JFK")]
    [InlineData("LHR", "JFKX")]
    [InlineData("L1R", "JFK")]
    [InlineData("LHR", "LHR")]
    public async Task OfferRequest_BadAirport_Returns422ValidationError(string origin, string destination)
    {
        using var response = await Duffel.PostAsync("air/offer_requests", Json.Body(DuffelCalls.SearchBody(origin, destination)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var (type, _, requestId) = await DuffelCalls.ReadErrorAsync(response);
        Assert.Equal("validation_error", type);
        Assert.Equal(Assert.Single(response.Headers.GetValues("x-request-id")), requestId);
        Assert.Empty(Sandbox.Ledger.OfferRequests);
    }

    [Fact]
    public async Task OfferRequest_MissingSlicesAndBadDate_ReportsEveryProblem()
    {
        using var response = await Duffel.PostAsync("air/offer_requests",
            Json.Body("""{"data":{"slices":[{"origin":"LHR","destination":"JFK","departure_date":"10/12/2026"}]}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors");
        Assert.Equal(2, errors.GetArrayLength());
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("source").Str("pointer") == "/slices/0/departure_date");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("source").Str("pointer") == "/passengers");
    }

    [Fact]
    public async Task AnyCall_WithoutBearerToken_Returns401AuthenticationError()
    {
        using var bare = CreateBareClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "duffel/air/offer_requests") { Content = Json.Body(DuffelCalls.SearchBody()) };
        request.Headers.Add("Duffel-Version", "v2");

        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", (await DuffelCalls.ReadErrorAsync(response)).Type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("v1")]
    public async Task AnyCall_WithoutVersionV2_Returns400(string? version)
    {
        using var bare = CreateBareClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "duffel/air/orders");
        request.Headers.Add("Authorization", "Bearer duffel_test_token");
        if (version is not null)
        {
            request.Headers.Add("Duffel-Version", version);
        }

        using var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_version", (await DuffelCalls.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task Offers_AcceptEncodingGzip_AnswersGzipped()
    {
        var search = await Duffel.SearchAsync();
        using var raw = CreateBareClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"duffel/air/offers?offer_request_id={search.Str("id")}");
        request.Headers.Add("Authorization", "Bearer duffel_test_token");
        request.Headers.Add("Duffel-Version", "v2");
        request.Headers.Add("Accept-Encoding", "gzip");

        using var response = await raw.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Offers_UnknownOfferRequest_Returns404NotFound()
    {
        using var response = await Duffel.GetAsync("air/offers?offer_request_id=orq_0000AUnknown");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await DuffelCalls.ReadErrorAsync(response)).Code);
    }
}
