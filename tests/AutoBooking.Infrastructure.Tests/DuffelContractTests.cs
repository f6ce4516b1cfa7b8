using System.Globalization;
using System.Net;
using System.Text.Json;
using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Tests.Support;
using AutoBooking.Sandbox;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>The production Duffel client against responses recorded in Duffel's documented shapes (Contracts/duffel).</summary>
public sealed class DuffelContractTests : ContractTest
{
    private static readonly Guid AttemptId = Guid.Parse("6f1c1c52-3f7e-4b4d-9d55-3c2f8e1a9b10");
    private static readonly (string, string) RequestId = ("x-request-id", "FZW0H3HdJwKk5HMAAKxB");

    private static JsonElement Json(RecordedRequest request) => JsonDocument.Parse(request.Body!).RootElement;

    private static (string?, string?, string?) SliceOf(JsonElement slice) => (
        slice.GetProperty("origin").GetString(), slice.GetProperty("destination").GetString(), slice.GetProperty("departure_date").GetString());

    private static void AssertDuffelHeaders(RecordedRequest request)
    {
        Assert.Equal("v2", request.Header("Duffel-Version"));
        Assert.Equal("Bearer " + ContractServices.DuffelToken, request.Header("Authorization"));
        Assert.Contains("application/json", request.Header("Accept"), StringComparison.Ordinal);
        Assert.Contains("gzip", request.Header("Accept-Encoding"), StringComparison.Ordinal);
    }

    private static OrderRequest Order() => new(
        "off_0000AhTmHDpZwBqbwUhpAM",
        new Money(432.10m, "GBP"),
        [new OrderPassenger("pas_0000AhTmH6NdMWn0vXb8AF", "ms", "Ada", "Lovelace", new DateOnly(1990, 12, 10), "f", "ada@example.com", "+442080160508")],
        AttemptId);

    [Fact]
    public async Task Search_PostsAnOfferRequestThenPagesOffers()
    {
        Duffel.Expect(HttpMethod.Post, "/air/offer_requests", HttpStatusCode.Created, "duffel/offer_request.json")
            .Expect(HttpMethod.Get, "/air/offers", HttpStatusCode.OK, "duffel/offers_page.json");

        var result = await Flights.SearchAsync(new FlightSearch("LHR", "JFK", TestCalendar.FirstDeparture, null, [SearchPassenger.Adult], "economy", 1), CancellationToken.None);

        var (create, list) = (Duffel.Requests[0], Duffel.Requests[1]);
        AssertDuffelHeaders(create);
        AssertDuffelHeaders(list);
        Assert.Equal("?return_offers=false&supplier_timeout=25000", create.Uri.Query);
        var data = Json(create).GetProperty("data");
        Assert.Equal("LHR", data.GetProperty("slices")[0].GetProperty("origin").GetString());
        Assert.Equal("JFK", data.GetProperty("slices")[0].GetProperty("destination").GetString());
        Assert.Equal(TestCalendar.Iso(TestCalendar.FirstDeparture), data.GetProperty("slices")[0].GetProperty("departure_date").GetString());
        Assert.Equal("adult", data.GetProperty("passengers")[0].GetProperty("type").GetString());
        Assert.Equal("economy", data.GetProperty("cabin_class").GetString());
        Assert.Equal(1, data.GetProperty("max_connections").GetInt32());
        Assert.Equal("?offer_request_id=orq_0000AhTmH6NdMWn0vXb8AE&limit=200", list.Uri.Query);

        Assert.Equal("orq_0000AhTmH6NdMWn0vXb8AE", result.OfferRequestId);
        var offer = Assert.Single(result.Offers);
        Assert.Equal("off_0000AhTmHDpZwBqbwUhpAM", offer.Candidate.ProviderOfferId);
        Assert.Equal(new Money(432.10m, "GBP"), offer.Candidate.Total);
        Assert.Equal(0, offer.Candidate.MaxStops);
        Assert.Equal(TimeSpan.FromMinutes(490), offer.Candidate.TotalDuration);
        Assert.Equal(["BA"], offer.Candidate.Carriers);
        Assert.Equal(["pas_0000AhTmH6NdMWn0vXb8AF"], offer.PassengerIds);
    }

    [Fact]
    public async Task Search_ReturnWithAChildAndAnInfant_SendsTwoSlicesAndAgesAndReadsEverySlice()
    {
        Duffel.Expect(HttpMethod.Post, "/air/offer_requests", HttpStatusCode.Created, "duffel/offer_request_return_family.json")
            .Expect(HttpMethod.Get, "/air/offers", HttpStatusCode.OK, "duffel/offers_page_return_family.json");
        var search = new FlightSearch("LHR", "JFK", TestCalendar.FirstDeparture, TestCalendar.Departure(7),
            [SearchPassenger.Adult, new SearchPassenger(7), new SearchPassenger(1)], "economy", 1);

        var result = await Flights.SearchAsync(search, CancellationToken.None);

        var data = Json(Duffel.Requests[0]).GetProperty("data");
        var slices = data.GetProperty("slices");
        Assert.Equal(2, slices.GetArrayLength());
        Assert.Equal(("LHR", "JFK", TestCalendar.Iso(TestCalendar.FirstDeparture)), SliceOf(slices[0]));
        Assert.Equal(("JFK", "LHR", TestCalendar.Iso(TestCalendar.Departure(7))), SliceOf(slices[1]));
        var passengers = data.GetProperty("passengers");
        Assert.Equal(3, passengers.GetArrayLength());
        Assert.Equal("""{"type":"adult"}""", passengers[0].GetRawText());
        Assert.Equal("""{"age":7}""", passengers[1].GetRawText());
        Assert.Equal("""{"age":1}""", passengers[2].GetRawText());
        Assert.Equal("?offer_request_id=orq_0000AhTmR3tUrNq0rEtUrN&limit=200", Duffel.Requests[1].Uri.Query);

        Assert.Equal(2, result.Offers.Count);
        string[] searchOrder = ["pas_0000AhTmR3tUrNq0aDuLt1", "pas_0000AhTmR3tUrNq0cHiLd2", "pas_0000AhTmR3tUrNq0iNfAn3"];
        var (ba, vs) = (result.Offers[0], result.Offers[1]);
        Assert.Equal(searchOrder, ba.PassengerIds);
        // Listed infant first by the airline: matched by age and type, not taken by position.
        Assert.Equal(searchOrder, vs.PassengerIds);
        Assert.Equal(new Money(1012.40m, "GBP"), ba.Candidate.Total);
        // Non-stop out, one stop back; the longer direction (9h55 back) is the journey duration.
        Assert.Equal((1, TimeSpan.FromMinutes(595)), (ba.Candidate.MaxStops, ba.Candidate.TotalDuration));
        Assert.Equal(["BA", "AA"], ba.Candidate.Carriers);
        // The adult has 2 checked bags everywhere, the child and the infant 1: the fare includes 1 for everyone.
        Assert.Equal(1, ba.Candidate.CheckedBags);
        Assert.Equal((0, TimeSpan.FromMinutes(475), 0), (vs.Candidate.MaxStops, vs.Candidate.TotalDuration, vs.Candidate.CheckedBags));
        Assert.Equal(["VS"], vs.Candidate.Carriers);
    }

    [Fact]
    public async Task Search_OfferWhosePassengersDoNotMatchTheSearch_IsLeftOut()
    {
        Duffel.Expect(HttpMethod.Post, "/air/offer_requests", HttpStatusCode.Created, "duffel/offer_request.json")
            .Expect(HttpMethod.Get, "/air/offers", HttpStatusCode.OK, "duffel/offers_page.json");

        // The recorded offer is for one adult; this search is for an adult and a five-year-old.
        var result = await Flights.SearchAsync(
            new FlightSearch("LHR", "JFK", TestCalendar.FirstDeparture, null, [SearchPassenger.Adult, new SearchPassenger(5)], "economy", 1),
            CancellationToken.None);

        Assert.Equal(1, Json(Duffel.Requests[0]).GetProperty("data").GetProperty("slices").GetArrayLength());
        Assert.Equal("""{"age":5}""", Json(Duffel.Requests[0]).GetProperty("data").GetProperty("passengers")[1].GetRawText());
        Assert.Empty(result.Offers);
    }

    [Fact]
    public async Task CreateOrder_WithAnInfantOnTheAdultsLap_SendsInfantPassengerIdOnTheAdultOnly()
    {
        Duffel.Expect(HttpMethod.Post, "/air/orders", HttpStatusCode.Created, "duffel/order_with_infant.json", RequestId);
        const string adult = "pas_0000AhTmR3tUrNq0aDuLt1", child = "pas_0000AhTmR3tUrNq0cHiLd2", infant = "pas_0000AhTmR3tUrNq0iNfAn3";
        var order = new OrderRequest("off_0000AhTmR3tUrNq0oFfEr1", new Money(1012.40m, "GBP"),
        [
            new OrderPassenger(adult, "ms", "Ada", "Lovelace", new DateOnly(1990, 12, 10), "f", "ada@example.com", "+442080160508")
            {
                InfantPassengerId = infant,
            },
            new OrderPassenger(child, "miss", "Byron", "Lovelace", new DateOnly(2019, 5, 2), "f", "ada@example.com", "+442080160508"),
            new OrderPassenger(infant, "mr", "Ralph", "Lovelace", new DateOnly(2025, 8, 14), "m", "ada@example.com", "+442080160508"),
        ], AttemptId);

        var result = await Flights.CreateOrderAsync(order, CancellationToken.None);

        var passengers = Json(Assert.Single(Duffel.Requests)).GetProperty("data").GetProperty("passengers");
        Assert.Equal([adult, child, infant], passengers.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(infant, passengers[0].GetProperty("infant_passenger_id").GetString());
        Assert.False(passengers[1].TryGetProperty("infant_passenger_id", out _));
        Assert.False(passengers[2].TryGetProperty("infant_passenger_id", out _));
        Assert.Equal("2025-08-14", passengers[2].GetProperty("born_on").GetString());
        Assert.Equal((OrderStatus.Confirmed, "FMLY42"), (result.Status, result.BookingReference));
        Assert.Equal(["125-2034567891", "125-2034567892", "125-2034567893"], result.TicketNumbers);
    }

    [Fact]
    public async Task CreateOrder_SendsAnInstantBalanceOrderWithTheAttemptInMetadata()
    {
        Duffel.Expect(HttpMethod.Post, "/air/orders", HttpStatusCode.Created, "duffel/order.json", RequestId);

        var result = await Flights.CreateOrderAsync(Order(), CancellationToken.None);

        var request = Assert.Single(Duffel.Requests);
        AssertDuffelHeaders(request);
        var data = Json(request).GetProperty("data");
        Assert.Equal("instant", data.GetProperty("type").GetString());
        Assert.Equal("off_0000AhTmHDpZwBqbwUhpAM", data.GetProperty("selected_offers")[0].GetString());
        var payment = data.GetProperty("payments")[0];
        Assert.Equal(("balance", "432.10", "GBP"), (payment.GetProperty("type").GetString(), payment.GetProperty("amount").GetString(), payment.GetProperty("currency").GetString()));
        var passenger = data.GetProperty("passengers")[0];
        Assert.Equal("pas_0000AhTmH6NdMWn0vXb8AF", passenger.GetProperty("id").GetString());
        Assert.Equal("1990-12-10", passenger.GetProperty("born_on").GetString());
        Assert.Equal("+442080160508", passenger.GetProperty("phone_number").GetString());
        Assert.Equal(AttemptId.ToString(), data.GetProperty("metadata").GetProperty("attempt_id").GetString());

        Assert.Equal(OrderStatus.Confirmed, result.Status);
        Assert.Equal(("ord_0000AhTmHt4kqkqGXYvXJa", "RZPNX8"), (result.ProviderOrderId, result.BookingReference));
        Assert.Equal(["125-2034567890"], result.TicketNumbers);
        Assert.Equal("FZW0H3HdJwKk5HMAAKxB", result.ProviderRequestId);
    }

    [Fact]
    public async Task CreateHoldOrder_SendsTypeHoldWithoutPayments_AndReadsTheDeadlineGuaranteeAndTotal()
    {
        Duffel.Expect(HttpMethod.Post, "/air/orders", HttpStatusCode.Created, "duffel/order_hold.json", RequestId);

        var result = await Flights.CreateHoldOrderAsync(Order(), CancellationToken.None);

        var request = Assert.Single(Duffel.Requests);
        AssertDuffelHeaders(request);
        var data = Json(request).GetProperty("data");
        Assert.Equal("hold", data.GetProperty("type").GetString());
        // Duffel's guide: a hold omits the payments key altogether (not null, not empty).
        Assert.False(data.TryGetProperty("payments", out _));
        Assert.Equal(["metadata", "passengers", "selected_offers", "type"], data.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("off_0000AhTmHDpZwBqbwUhpAM", data.GetProperty("selected_offers")[0].GetString());
        Assert.Equal("pas_0000AhTmH6NdMWn0vXb8AF", data.GetProperty("passengers")[0].GetProperty("id").GetString());
        Assert.Equal(AttemptId.ToString(), data.GetProperty("metadata").GetProperty("attempt_id").GetString());

        Assert.Equal(OrderStatus.Confirmed, result.Status);
        Assert.Equal(("ord_0000AhTmJ5hOLdAwAiTiNg", "HLD7QX"), (result.ProviderOrderId, result.BookingReference));
        Assert.Empty(result.TicketNumbers);
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T06:56:10Z", CultureInfo.InvariantCulture), result.PaymentRequiredBy);
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T06:56:10Z", CultureInfo.InvariantCulture), result.PriceGuaranteeExpiresAt);
        Assert.Equal(new Money(448.00m, "GBP"), result.Total);
        Assert.Equal("FZW0H3HdJwKk5HMAAKxB", result.ProviderRequestId);
    }

    [Fact]
    public async Task CreateHoldOrder_InternalServerError_IsAmbiguousAndSentOnce()
    {
        Duffel.Expect(HttpMethod.Post, "/air/orders", HttpStatusCode.InternalServerError, "duffel/error_internal.json", RequestId);

        var result = await Flights.CreateHoldOrderAsync(Order(), CancellationToken.None);

        Assert.Equal((OrderStatus.Ambiguous, "http_500"), (result.Status, result.FailureCode));
        Assert.Single(Duffel.Requests);
    }

    [Fact]
    public async Task GetOrder_UnpaidHold_ReadsAwaitingPaymentAndTheDeadlines()
    {
        Duffel.Expect(HttpMethod.Get, "/air/orders/ord_0000AhTmJ5hOLdAwAiTiNg", HttpStatusCode.OK, "duffel/order_hold.json")
            .Expect(HttpMethod.Get, "/air/orders/ord_0000AhTmHt4kqkqGXYvXJa", HttpStatusCode.OK, "duffel/order.json");

        var hold = await Flights.GetOrderAsync("ord_0000AhTmJ5hOLdAwAiTiNg", CancellationToken.None);
        var instant = await Flights.GetOrderAsync("ord_0000AhTmHt4kqkqGXYvXJa", CancellationToken.None);

        Assert.NotNull(hold);
        Assert.True(hold.AwaitingPayment);
        Assert.Empty(hold.TicketNumbers);
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T06:56:10Z", CultureInfo.InvariantCulture), hold.PaymentRequiredBy);
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T06:56:10Z", CultureInfo.InvariantCulture), hold.PriceGuaranteeExpiresAt);
        Assert.NotNull(instant);
        Assert.Equal((false, (DateTimeOffset?)null, (DateTimeOffset?)null), (instant.AwaitingPayment, instant.PaymentRequiredBy, instant.PriceGuaranteeExpiresAt));
    }

    [Fact]
    public async Task PayHold_PostsDuffelsCreatePayment_ThenReadsTheTickets()
    {
        Duffel.Expect(HttpMethod.Post, "/air/payments", HttpStatusCode.Created, "duffel/payment.json", RequestId)
            .Expect(HttpMethod.Get, "/air/orders/ord_0000AhTmJ5hOLdAwAiTiNg", HttpStatusCode.OK, "duffel/order_hold_paid.json");

        var result = await Flights.PayHoldAsync("ord_0000AhTmJ5hOLdAwAiTiNg", new Money(448.00m, "GBP"), CancellationToken.None);

        var request = Duffel.Requests[0];
        AssertDuffelHeaders(request);
        // Duffel's CreatePayment: order_id, and payment without the id and created_at Duffel assigns.
        var data = Json(request).GetProperty("data");
        Assert.Equal(["order_id", "payment"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ord_0000AhTmJ5hOLdAwAiTiNg", data.GetProperty("order_id").GetString());
        var payment = data.GetProperty("payment");
        Assert.Equal(["type", "amount", "currency"], payment.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("balance", "448.00", "GBP"), (payment.GetProperty("type").GetString(), payment.GetProperty("amount").GetString(), payment.GetProperty("currency").GetString()));

        Assert.Equal(HoldPaymentStatus.Paid, result.Status);
        Assert.Equal(["001-2034567890"], result.TicketNumbers);
        Assert.Equal(new Money(448.00m, "GBP"), result.CurrentTotal);
        Assert.Equal(("FZW0H3HdJwKk5HMAAKxB", (string?)null), (result.ProviderRequestId, result.FailureCode));
    }

    [Fact]
    public async Task PayHold_PriceChanged_ReadsTheOrdersCurrentTotal()
    {
        Duffel.Expect(HttpMethod.Post, "/air/payments", HttpStatusCode.UnprocessableEntity, "duffel/error_price_changed.json", RequestId)
            .Expect(HttpMethod.Get, "/air/orders/ord_0000AhTmJ5hOLdAwAiTiNg", HttpStatusCode.OK, "duffel/order_hold_repriced.json");

        var result = await Flights.PayHoldAsync("ord_0000AhTmJ5hOLdAwAiTiNg", new Money(448.00m, "GBP"), CancellationToken.None);

        Assert.Equal((HoldPaymentStatus.PriceChanged, "price_changed"), (result.Status, result.FailureCode));
        Assert.Equal(new Money(471.25m, "GBP"), result.CurrentTotal);
        Assert.Empty(result.TicketNumbers);
        Assert.Equal(2, Duffel.Requests.Count);
    }

    [Theory]
    [InlineData("duffel/error_order_expired.json", HoldPaymentStatus.Expired, "order_expired")]
    [InlineData("duffel/error_already_cancelled.json", HoldPaymentStatus.Expired, "already_cancelled")]
    [InlineData("duffel/error_already_paid.json", HoldPaymentStatus.Rejected, "already_paid")]
    [InlineData("duffel/error_validation.json", HoldPaymentStatus.Rejected, "validation_format")]
    public async Task PayHold_Refused_IsTypedByItsCode_AndSentOnce(string file, HoldPaymentStatus status, string code)
    {
        Duffel.Expect(HttpMethod.Post, "/air/payments", HttpStatusCode.UnprocessableEntity, file, RequestId);

        var result = await Flights.PayHoldAsync("ord_0000AhTmJ5hOLdAwAiTiNg", new Money(448.00m, "GBP"), CancellationToken.None);

        Assert.Equal((status, code, "FZW0H3HdJwKk5HMAAKxB"), (result.Status, result.FailureCode, result.ProviderRequestId));
        Assert.Single(Duffel.Requests);
    }

    [Fact]
    public async Task PayHold_UnknownOrder_IsRejected()
    {
        Duffel.Expect(HttpMethod.Post, "/air/payments", HttpStatusCode.NotFound, "duffel/error_not_found.json", RequestId);

        var result = await Flights.PayHoldAsync("ord_missing", new Money(448.00m, "GBP"), CancellationToken.None);

        Assert.Equal((HoldPaymentStatus.Rejected, "not_found"), (result.Status, result.FailureCode));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "duffel/error_internal.json", "http_500")]
    [InlineData(HttpStatusCode.BadGateway, null, "http_502")]
    [InlineData(HttpStatusCode.Accepted, null, "http_202")]
    public async Task PayHold_ServerErrorOrAccepted_IsAmbiguousAndSentOnce(HttpStatusCode status, string? file, string code)
    {
        Duffel.Expect(HttpMethod.Post, "/air/payments", status, file, RequestId);

        var result = await Flights.PayHoldAsync("ord_0000AhTmJ5hOLdAwAiTiNg", new Money(448.00m, "GBP"), CancellationToken.None);

        Assert.Equal((HoldPaymentStatus.Ambiguous, code), (result.Status, result.FailureCode));
        Assert.Single(Duffel.Requests);
    }

    [Fact]
    public void IsSafeToRepeat_NeverAPaymentOrAnOrder()
    {
        static HttpRequestMessage Post(string path) => new(HttpMethod.Post, new Uri("https://api.duffel.com" + path));

        Assert.False(DuffelClient.IsSafeToRepeat(Post("/air/payments")));
        Assert.False(DuffelClient.IsSafeToRepeat(Post("/air/orders")));
        Assert.True(DuffelClient.IsSafeToRepeat(Post("/air/order_cancellations")));
    }

    [Fact]
    public async Task CreateOrder_OfferNoLongerAvailable_IsRejectedWithTheRequestId()
    {
        Duffel.Expect(HttpMethod.Post, "/air/orders", HttpStatusCode.UnprocessableEntity, "duffel/error_offer_no_longer_available.json", RequestId);

        var result = await Flights.CreateOrderAsync(Order(), CancellationToken.None);

        Assert.Equal((OrderStatus.Rejected, "offer_no_longer_available", "FZW0H3HdJwKk5HMAAKxB"), (result.Status, result.FailureCode, result.ProviderRequestId));
    }

    [Fact]
    public async Task CreateOrder_InternalServerError_IsAmbiguousAndSentOnce()
    {
        Duffel.Expect(HttpMethod.Post, "/air/orders", HttpStatusCode.InternalServerError, "duffel/error_internal.json", RequestId);

        var result = await Flights.CreateOrderAsync(Order(), CancellationToken.None);

        Assert.Equal((OrderStatus.Ambiguous, "http_500", "FZW0H3HdJwKk5HMAAKxB"), (result.Status, result.FailureCode, result.ProviderRequestId));
        Assert.Single(Duffel.Requests);
    }

    [Fact]
    public async Task FindOrderByAttempt_FollowsTheAfterCursor()
    {
        Duffel.Expect(HttpMethod.Get, "/air/orders", HttpStatusCode.OK, "duffel/orders_page_1.json")
            .Expect(HttpMethod.Get, "/air/orders", HttpStatusCode.OK, "duffel/orders_page_2.json");

        var order = await Flights.FindOrderByAttemptAsync(AttemptId, CancellationToken.None);

        Assert.Equal("?limit=200", Duffel.Requests[0].Uri.Query);
        Assert.Equal("?limit=200&after=g2wAAAACbQAAABBBZXJvbWlzdCBLYXJsb3ZtAAAAB0AAAAA", Duffel.Requests[1].Uri.Query);
        Assert.NotNull(order);
        Assert.Equal(("ord_0000AhTmHt4kqkqGXYvXJa", "RZPNX8", AttemptId), (order.ProviderOrderId, order.BookingReference, order.AttemptId));
        Assert.Equal(new Money(432.10m, "GBP"), order.Total);
        Assert.False(order.IsCancelled);
    }

    [Fact]
    public async Task FindOrderByAttempt_ListLongerThanTheScanLimit_ThrowsInconclusiveAfter25Pages()
    {
        // Every page has a next cursor and none holds the attempt's order: 25 pages of 200 is as far as it reads.
        for (var i = 0; i < 26; i++)
        {
            Duffel.Expect(HttpMethod.Get, "/air/orders", HttpStatusCode.OK, "duffel/orders_page_1.json");
        }

        var ex = await Assert.ThrowsAsync<DuffelApiException>(() => Flights.FindOrderByAttemptAsync(Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(DuffelFailureKind.Inconclusive, ex.Kind);
        Assert.Equal(25, Duffel.Requests.Count);
        Assert.All(Duffel.Requests, r => Assert.StartsWith("?limit=200", r.Uri.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancelOrder_LooksUpQuotesThenConfirms()
    {
        Duffel.Expect(HttpMethod.Get, "/air/orders/ord_0000AhTmHt4kqkqGXYvXJa", HttpStatusCode.OK, "duffel/order.json")
            .Expect(HttpMethod.Post, "/air/order_cancellations", HttpStatusCode.Created, "duffel/order_cancellation.json")
            .Expect(HttpMethod.Post, "/air/order_cancellations/ore_0000AhTmIq4hDn0WvJZmCa/actions/confirm", HttpStatusCode.OK,
                "duffel/order_cancellation_confirmed.json", RequestId);

        var result = await Flights.CancelOrderAsync("ord_0000AhTmHt4kqkqGXYvXJa", CancellationToken.None);

        Assert.Equal("ord_0000AhTmHt4kqkqGXYvXJa", Json(Duffel.Requests[1]).GetProperty("data").GetProperty("order_id").GetString());
        Assert.All(Duffel.Requests, AssertDuffelHeaders);
        Assert.Equal(OrderCancellationStatus.Cancelled, result.Status);
        Assert.Equal("ore_0000AhTmIq4hDn0WvJZmCa", result.CancellationId);
        Assert.Equal(new Money(388.89m, "GBP"), result.Refund);
        Assert.Equal(("balance", "FZW0H3HdJwKk5HMAAKxB"), (result.RefundTo, result.ProviderRequestId));
    }

    [Fact]
    public async Task GetOrder_ReadsEverySegmentOfEverySliceInAirportLocalTime()
    {
        Duffel.Expect(HttpMethod.Get, "/air/orders/ord_0000AhTmR3tUrNq0oRdEr1", HttpStatusCode.OK, "duffel/order_with_infant.json");

        var order = await Flights.GetOrderAsync("ord_0000AhTmR3tUrNq0oRdEr1", CancellationToken.None);

        AssertDuffelHeaders(Assert.Single(Duffel.Requests));
        Assert.NotNull(order);
        Assert.Equal(
        [
            new FlightSegment("BA", "0117", "LHR", "JFK", new DateTime(2026, 12, 10, 9, 30, 0), new DateTime(2026, 12, 10, 12, 40, 0)),
            new FlightSegment("AA", "2170", "JFK", "BOS", new DateTime(2026, 12, 17, 17, 5, 0), new DateTime(2026, 12, 17, 18, 20, 0)),
            new FlightSegment("BA", "0212", "BOS", "LHR", new DateTime(2026, 12, 17, 19, 50, 0), new DateTime(2026, 12, 18, 8, 0, 0)),
        ], order.Segments);
        // Duffel's times carry no offset: they are the airports' local times and stay unzoned.
        Assert.All(order.Segments, s => Assert.Equal(DateTimeKind.Unspecified, s.DepartingAtLocal.Kind));
    }

    [Fact]
    public async Task GetOrder_NotFound_IsNull()
    {
        Duffel.Expect(HttpMethod.Get, "/air/orders/ord_missing", HttpStatusCode.NotFound, "duffel/error_not_found.json", RequestId);

        Assert.Null(await Flights.GetOrderAsync("ord_missing", CancellationToken.None));
    }

    [Fact]
    public async Task Search_ValidationError_ThrowsValidationWithTheRequestId()
    {
        Duffel.Expect(HttpMethod.Post, "/air/offer_requests", HttpStatusCode.UnprocessableEntity, "duffel/error_validation.json", RequestId);

        var ex = await Assert.ThrowsAsync<DuffelApiException>(() =>
            Flights.SearchAsync(new FlightSearch("LHR", "JFK", TestCalendar.FirstDeparture, null, [SearchPassenger.Adult], "steerage", 1), CancellationToken.None));

        Assert.Equal((DuffelFailureKind.Validation, "validation_format", "FZW0H3HdJwKk5HMAAKxB"), (ex.Kind, ex.Code, ex.RequestId));
        Assert.Single(Duffel.Requests);
    }

    [Fact]
    public async Task CircuitBreaker_AfterRepeatedServerErrors_StopsSendingAndRejectsOrdersHoldsAndPaymentsUnsent()
    {
        for (var i = 0; i < 20; i++)
        {
            Duffel.Expect(HttpMethod.Post, "/air/offer_requests", HttpStatusCode.InternalServerError, "duffel/error_internal.json", RequestId);
        }
        var search = new FlightSearch("LHR", "JFK", TestCalendar.FirstDeparture, null, [SearchPassenger.Adult], "economy", 1);

        for (var i = 0; i < 5; i++)
        {
            var failed = await Assert.ThrowsAsync<DuffelApiException>(() => Flights.SearchAsync(search, CancellationToken.None));
            Assert.Equal(DuffelFailureKind.ServerError, failed.Kind);
        }
        var open = await Assert.ThrowsAsync<DuffelApiException>(() => Flights.SearchAsync(search, CancellationToken.None));
        var order = await Flights.CreateOrderAsync(Order(), CancellationToken.None);
        var hold = await Flights.CreateHoldOrderAsync(Order(), CancellationToken.None);
        var payment = await Flights.PayHoldAsync("ord_0000AhTmJ5hOLdAwAiTiNg", new Money(448.00m, "GBP"), CancellationToken.None);

        // 5 searches x 4 attempts reached Duffel; then nothing, not even the order, the hold or the payment.
        Assert.Equal(20, Duffel.Requests.Count);
        Assert.Equal(DuffelFailureKind.CircuitOpen, open.Kind);
        Assert.Equal((OrderStatus.Rejected, "circuit_open"), (order.Status, order.FailureCode));
        Assert.Equal((OrderStatus.Rejected, "circuit_open"), (hold.Status, hold.FailureCode));
        Assert.Equal((HoldPaymentStatus.Rejected, "circuit_open"), (payment.Status, payment.FailureCode));
    }

    [Fact]
    public async Task Reprice_RateLimitedFarAhead_ThrowsWithTheResetTime()
    {
        var reset = DateTimeOffset.UtcNow.AddMinutes(2).ToString("r", CultureInfo.InvariantCulture);
        Duffel.Expect(HttpMethod.Get, "/air/offers/off_0000AhTmHDpZwBqbwUhpAM", HttpStatusCode.TooManyRequests, "duffel/error_rate_limited.json",
            RequestId, ("ratelimit-limit", "60"), ("ratelimit-remaining", "0"), ("ratelimit-reset", reset));

        var ex = await Assert.ThrowsAsync<DuffelApiException>(() => Flights.RepriceAsync("off_0000AhTmHDpZwBqbwUhpAM", CancellationToken.None));

        Assert.Equal(DuffelFailureKind.RateLimited, ex.Kind);
        Assert.InRange(ex.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
        Assert.Single(Duffel.Requests);
    }
}
