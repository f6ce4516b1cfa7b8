using System.Net;
using System.Text.Json;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

public sealed class DuffelOrderTests : SandboxTest
{
    [Fact]
    public async Task Order_HappyPath_Returns201AndRecordsTheTicket()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 432.10m);
        var found = await Duffel.CheapestOfferAsync();
        using var fetched = await Duffel.GetAsync($"air/offers/{found.Str("id")}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var offer = (await Json.ReadAsync(fetched)).GetProperty("data");
        Assert.Equal("432.10", offer.Str("total_amount"));

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await Json.ReadAsync(response)).GetProperty("data");
        Assert.StartsWith("ord_0000A", order.Str("id"), StringComparison.Ordinal);
        Assert.Matches("^[A-Z0-9]{6}$", order.Str("booking_reference"));
        Assert.Equal("432.10", order.Str("total_amount"));
        Assert.Equal("GBP", order.Str("total_currency"));
        Assert.Equal("BA", order.GetProperty("owner").Str("iata_code"));
        Assert.Equal("Lovelace", order.GetProperty("passengers")[0].Str("family_name"));
        var document = order.GetProperty("documents")[0];
        Assert.Equal("electronic_ticket", document.Str("type"));
        Assert.Matches(@"^125-\d{10}$", document.Str("unique_identifier"));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("cancelled_at").ValueKind);
        Assert.Equal("attempt-1", order.GetProperty("metadata").Str("attempt_id"));
        Assert.Equal(offer.GetProperty("slices")[0].Str("id"), order.GetProperty("slices")[0].Str("id"));

        var recorded = Assert.Single(Sandbox.Ledger.Orders);
        Assert.Equal(order.Str("id"), recorded.Id);
        Assert.Equal(offer.Str("id"), recorded.OfferId);
        Assert.Equal(order.Str("booking_reference"), recorded.BookingReference);
        Assert.Equal(432.10m, recorded.TotalAmount);
        Assert.Equal("GBP", recorded.Currency);
        Assert.Equal(1, recorded.PassengerCount);
        Assert.Equal("attempt-1", recorded.Metadata["attempt_id"]);
    }

    [Fact]
    public async Task Order_AfterCreation_CanBeFetchedAndListed()
    {
        var offer = await Duffel.CheapestOfferAsync();
        using var created = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        var orderId = (await Json.ReadAsync(created)).GetProperty("data").Str("id");

        using var fetched = await Duffel.GetAsync($"air/orders/{orderId}");
        using var listed = await Duffel.GetAsync("air/orders?limit=50");

        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(orderId, (await Json.ReadAsync(fetched)).GetProperty("data").Str("id"));
        var list = await Json.ReadAsync(listed);
        Assert.Equal(orderId, Assert.Single(list.GetProperty("data").EnumerateArray()).Str("id"));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("meta").GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task Order_UnknownOffer_Returns404NotFound()
    {
        var offer = await Duffel.CheapestOfferAsync();
        var body = DuffelCalls.OrderBody("off_0000AUnknownOffer00", offer.GetProperty("passengers")[0].Str("id"), "100.00");

        using var response = await Duffel.CreateOrderAsync(body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await DuffelCalls.ReadErrorAsync(response)).Code);
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Offer_Expired_FetchIs404AndOrderIs422()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Faults.ExpireOffer(offer.Str("id"));

        using var fetched = await Duffel.GetAsync($"air/offers/{offer.Str("id")}");
        using var ordered = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal(HttpStatusCode.NotFound, fetched.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ordered.StatusCode);
        Assert.Equal("offer_no_longer_available", (await DuffelCalls.ReadErrorAsync(ordered)).Code);
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Offer_MarkedGone_FetchAndOrderAre422OfferNoLongerAvailable()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Faults.MarkOfferGone(offer.Str("id"));

        using var fetched = await Duffel.GetAsync($"air/offers/{offer.Str("id")}");
        using var ordered = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, fetched.StatusCode);
        Assert.Equal(("invalid_request_error", "offer_no_longer_available"), await TypeAndCodeAsync(fetched));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ordered.StatusCode);
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Order_SameOfferTwice_SellsItOnce()
    {
        var offer = await Duffel.CheapestOfferAsync();

        using var first = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        using var second = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("offer_no_longer_available", (await DuffelCalls.ReadErrorAsync(second)).Code);
        Assert.Single(Sandbox.Ledger.Orders);
    }

    [Theory]
    [InlineData("1.00", "GBP")]
    [InlineData(null, "EUR")]
    public async Task Order_PaymentNotTheOfferTotal_Returns422PriceChanged(string? amount, string currency)
    {
        var offer = await Duffel.CheapestOfferAsync();
        var body = DuffelCalls.OrderBody(offer.Str("id"), offer.GetProperty("passengers")[0].Str("id"), amount ?? offer.Str("total_amount"), currency);

        using var response = await Duffel.CreateOrderAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(("invalid_request_error", "price_changed"), await TypeAndCodeAsync(response));
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Order_OfferRepricedSinceSearch_FetchShowsNewPriceAndOldPriceIsRefused()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Fares.RepriceOffer(offer.Str("id"), 999.99m);

        using var fetched = await Duffel.GetAsync($"air/offers/{offer.Str("id")}");
        using var ordered = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal("999.99", (await Json.ReadAsync(fetched)).GetProperty("data").Str("total_amount"));
        Assert.Equal("price_changed", (await DuffelCalls.ReadErrorAsync(ordered)).Code);
    }

    [Fact]
    public async Task Order_PassengerNotInOffer_Returns422ValidationError()
    {
        var offer = await Duffel.CheapestOfferAsync();
        var body = DuffelCalls.OrderBody(offer.Str("id"), "pas_0000ANotThisOffer000", offer.Str("total_amount"));

        using var response = await Duffel.CreateOrderAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("validation_error", (await DuffelCalls.ReadErrorAsync(response)).Type);
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Order_InfantOnAnAdultsLap_Returns201AndRecordsTheLink()
    {
        var offer = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(passengers: """[{"type":"adult"},{"age":7},{"age":1}]"""));
        var (adult, child, infant) = Family(offer);

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer, (adult, infant), (child, null), (infant, null)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await Json.ReadAsync(response)).GetProperty("data");
        var passengers = order.GetProperty("passengers");
        Assert.Equal(["adult", "child", "infant_without_seat"], passengers.EnumerateArray().Select(p => p.Str("type")));
        Assert.Equal(infant, passengers[0].Str("infant_passenger_id"));
        Assert.Equal(JsonValueKind.Null, passengers[1].GetProperty("infant_passenger_id").ValueKind);
        Assert.Equal(3, order.GetProperty("documents").GetArrayLength());
        Assert.Equal(offer.Str("total_amount"), order.Str("total_amount"));
        var recorded = Assert.Single(Sandbox.Ledger.Orders);
        Assert.Equal([(adult, "adult", infant), (child, "child", null), (infant, "infant_without_seat", null)],
            recorded.Passengers.Select(p => (p.Id, p.Type, p.InfantPassengerId)));
    }

    [Fact]
    public async Task Order_InfantOnNobodysLap_Returns422ValidationError()
    {
        var offer = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(passengers: """[{"type":"adult"},{"age":1}]"""));
        var ids = DuffelCalls.PassengerIds(offer);

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer, (ids[0], null), (ids[1], null)));

        await AssertRefusedAsync(response, "/passengers");
    }

    [Fact]
    public async Task Order_InfantOnAChildsLap_Returns422ValidationError()
    {
        var offer = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(passengers: """[{"type":"adult"},{"age":7},{"age":1}]"""));
        var (adult, child, infant) = Family(offer);

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer, (adult, null), (child, infant), (infant, null)));

        await AssertRefusedAsync(response, "/passengers/1/infant_passenger_id");
    }

    [Fact]
    public async Task Order_ChildNamedAsTheInfant_Returns422ValidationError()
    {
        var offer = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(passengers: """[{"type":"adult"},{"age":7}]"""));
        var ids = DuffelCalls.PassengerIds(offer);

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer, (ids[0], ids[1]), (ids[1], null)));

        await AssertRefusedAsync(response, "/passengers/0/infant_passenger_id");
    }

    [Fact]
    public async Task Order_OneInfantOnTwoLaps_Returns422ValidationError()
    {
        var offer = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(passengers: """[{"type":"adult"},{"type":"adult"},{"age":0}]"""));
        var ids = DuffelCalls.PassengerIds(offer);

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer, (ids[0], ids[2]), (ids[1], ids[2]), (ids[2], null)));

        await AssertRefusedAsync(response, "/passengers/1/infant_passenger_id");
    }

    [Fact]
    public async Task Order_NotNamingEveryPassengerOfTheOffer_Returns422ValidationError()
    {
        var offer = await Duffel.CheapestOfferForAsync(DuffelCalls.SearchBody(passengers: """[{"type":"adult"},{"age":7}]"""));

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer, (DuffelCalls.PassengerIds(offer)[0], null)));

        await AssertRefusedAsync(response, "/passengers");
    }

    [Fact]
    public async Task Order_MissingPassengerDetails_Returns422ValidationError()
    {
        var offer = await Duffel.CheapestOfferAsync();
        var body = DuffelCalls.OrderBodyFor(offer).Replace("\"given_name\":\"Ada\",", "", StringComparison.Ordinal);

        using var response = await Duffel.CreateOrderAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("errors")[0];
        Assert.Equal("/passengers/0/given_name", error.GetProperty("source").Str("pointer"));
    }

    [Fact]
    public async Task Fault_OfferNoLongerAvailable_Returns422ThenNextCallSucceeds()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.OfferNoLongerAvailable);

        using var failed = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        Assert.Empty(Sandbox.Ledger.Orders);
        using var retried = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failed.StatusCode);
        Assert.Equal("offer_no_longer_available", (await DuffelCalls.ReadErrorAsync(failed)).Code);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(0, Sandbox.Faults.PendingOrderCreationFaults);
    }

    [Fact]
    public async Task Fault_ServerError_Returns500ApiErrorAndCreatesNoOrder()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(2, DuffelFault.ServerError);

        using var first = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        using var second = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal("api_error", (await DuffelCalls.ReadErrorAsync(first)).Type);
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Fault_Timeout_ClientTimesOutAndNoOrderIsCreated()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.Timeout);
        using var impatient = CreateDuffelClient(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer)));

        Assert.Empty(Sandbox.Ledger.Orders);
        using var afterwards = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        Assert.Equal(HttpStatusCode.Created, afterwards.StatusCode);
    }

    [Fact]
    public async Task Fault_LostResponse_CallerSeesAFailureButTheOrderExists()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.LostResponse);

        // The connection is already pooled from the search: a client must not silently re-send the order.
        await Assert.ThrowsAsync<HttpRequestException>(() => Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer)));

        var recorded = Assert.Single(Sandbox.Ledger.Orders);
        Assert.Equal(offer.Str("id"), recorded.OfferId);
        using var listed = await Duffel.GetAsync("air/orders");
        var order = Assert.Single((await Json.ReadAsync(listed)).GetProperty("data").EnumerateArray());
        Assert.Equal(recorded.Id, order.Str("id"));
        Assert.Equal("attempt-1", order.GetProperty("metadata").Str("attempt_id"));
    }

    [Fact]
    public async Task Fault_AcceptedThenFailed_Returns202SellsNothingAndLeavesTheOfferOnSale()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.AcceptedThenFailed);

        using var accepted = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var pending = (await Json.ReadAsync(accepted)).GetProperty("data");
        Assert.StartsWith("por_0000A", pending.Str("id"), StringComparison.Ordinal);
        Assert.Equal("attempt-1", pending.GetProperty("metadata").Str("attempt_id"));
        Assert.Empty(Sandbox.Ledger.Orders);
        using var listed = await Duffel.GetAsync("air/orders");
        Assert.Equal(0, (await Json.ReadAsync(listed)).GetProperty("data").GetArrayLength());
        using var retried = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    [Fact]
    public async Task Fault_AcceptedThenFailed_InvalidOrderIsStillRefusedUpFront()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.AcceptedThenFailed);

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.OrderBody(offer.Str("id"), offer.GetProperty("passengers")[0].Str("id"), "1.00"));

        Assert.Equal("price_changed", (await DuffelCalls.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public void Fault_AcceptedThenFailed_OnlyForOrderCreation()
    {
        Assert.Throws<ArgumentException>(() => Sandbox.Faults.FailNext(DuffelOperation.GetOffer, 1, DuffelFault.AcceptedThenFailed));
        Assert.Equal(0, Sandbox.Faults.PendingFaults(DuffelOperation.GetOffer));
    }

    [Fact]
    public async Task UnknownOrder_Returns404NotFound()
    {
        using var response = await Duffel.GetAsync("air/orders/ord_0000AUnknown");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await DuffelCalls.ReadErrorAsync(response)).Code);
    }

    private static (string Adult, string Child, string Infant) Family(JsonElement offer)
    {
        var passengers = offer.GetProperty("passengers").EnumerateArray().ToList();
        string IdOf(string type) => passengers.Single(p => p.Str("type") == type).Str("id");
        return (IdOf("adult"), IdOf("child"), IdOf("infant_without_seat"));
    }

    /// <summary>A 422 of validation errors, one of them at <paramref name="jsonPointer"/>, and no ticket sold.</summary>
    private async Task AssertRefusedAsync(HttpResponseMessage response, string jsonPointer)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        Assert.All(errors, e => Assert.Equal("validation_error", e.Str("type")));
        Assert.Contains(errors, e => e.GetProperty("source").Str("pointer") == jsonPointer);
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    private static async Task<(string Type, string Code)> TypeAndCodeAsync(HttpResponseMessage response)
    {
        var (type, code, _) = await DuffelCalls.ReadErrorAsync(response);
        return (type, code);
    }
}
