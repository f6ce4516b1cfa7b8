using System.Diagnostics;
using System.Text.Json;
using System.Xml;
using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Duffel;
using AutoBooking.Infrastructure.Tests.Support;
using AutoBooking.Sandbox;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>The production Duffel client, through its production resilience pipeline, against the sandbox and its faults.</summary>
public sealed class DuffelClientSandboxTests : SandboxClientTest
{
    private static readonly DateOnly ReturnDate = TestCalendar.Departure(7);

    private int Calls(string method, string path) => Sandbox.Ledger.RequestsTo("duffel", method, path).Count;

    /// <summary>Books <paramref name="count"/> orders, each for a new attempt, buying every offer of each search (fewer searches).</summary>
    private async Task BookOffersAsync(int count)
    {
        var booked = 0;
        while (booked < count)
        {
            foreach (var offer in (await Flights.SearchAsync(LondonToNewYork(), CancellationToken.None)).Offers.Take(count - booked))
            {
                Assert.Equal(OrderStatus.Confirmed, (await Flights.CreateOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None)).Status);
                booked++;
            }
        }
    }

    /// <summary>The family of <see cref="FamilyReturn"/> named on an order, the infant on the adult's lap unless told otherwise.</summary>
    private static OrderRequest FamilyOrder(ProviderOffer offer, Guid attemptId, bool infantOnLap) => new(
        offer.Candidate.ProviderOfferId,
        offer.Candidate.Total,
        [
            new OrderPassenger(offer.PassengerIds[0], "ms", "Ada", "Lovelace", new DateOnly(1990, 12, 10), "f", "ada@example.com", "+442080160508")
            {
                InfantPassengerId = infantOnLap ? offer.PassengerIds[2] : null,
                Document = Passport,
            },
            new OrderPassenger(offer.PassengerIds[1], "miss", "Byron", "Lovelace", new DateOnly(2019, 5, 2), "f", "ada@example.com", "+442080160508")
            {
                Document = Passport with { Number = "533401223" },
            },
            new OrderPassenger(offer.PassengerIds[2], "mr", "Ralph", "Lovelace", new DateOnly(2025, 8, 14), "m", "ada@example.com", "+442080160508")
            {
                Document = Passport with { Number = "533401224" },
            },
        ],
        attemptId);

    /// <summary>LHR→JFK and back a week later: an adult, a seven-year-old and a one-year-old on the adult's lap.</summary>
    private static FlightSearch FamilyReturn() =>
        LondonToNewYork() with { ReturnDate = ReturnDate, Passengers = [SearchPassenger.Adult, new SearchPassenger(7), new SearchPassenger(1)] };

    [Fact]
    public async Task CreateOrder_HappyPath_ConfirmedAndFindableByAttempt()
    {
        var (order, attemptId) = await BookAsync();

        Assert.Matches("^[A-Z0-9]{6}$", order.BookingReference);
        Assert.Single(order.TicketNumbers);
        Assert.NotNull(order.ProviderRequestId);
        var fetched = await Flights.GetOrderAsync(order.ProviderOrderId!, CancellationToken.None);
        Assert.NotNull(fetched);
        Assert.Equal((order.BookingReference, attemptId, false), (fetched.BookingReference, fetched.AttemptId, fetched.IsCancelled));
        var found = await Flights.FindOrderByAttemptAsync(attemptId, CancellationToken.None);
        Assert.Equal(order.ProviderOrderId, found?.ProviderOrderId);
    }

    [Fact]
    public async Task CreateOrder_ServerError_IsAmbiguousAndPostedExactlyOnce()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(3, DuffelFault.ServerError);

        var result = await Flights.CreateOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(OrderStatus.Ambiguous, result.Status);
        Assert.Equal("http_500", result.FailureCode);
        Assert.NotNull(result.ProviderRequestId);
        Assert.Equal(2, Sandbox.Faults.PendingOrderCreationFaults);
        Assert.Equal(1, Calls("POST", "/air/orders"));
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task CreateOrder_ServiceUnavailable_IsAmbiguousAndNotRetried()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.ServiceUnavailable);

        var result = await Flights.CreateOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal((OrderStatus.Ambiguous, "http_503"), (result.Status, result.FailureCode));
        Assert.Equal(1, Calls("POST", "/air/orders"));
    }

    [Fact]
    public async Task CreateOrder_LostResponse_IsAmbiguousAndReconciledByAttempt()
    {
        var offer = await CheapestOfferAsync();
        var attemptId = Guid.NewGuid();
        Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.LostResponse);

        var result = await Flights.CreateOrderAsync(OrderFor(offer, attemptId), CancellationToken.None);
        var found = await Flights.FindOrderByAttemptAsync(attemptId, CancellationToken.None);

        Assert.Equal(OrderStatus.Ambiguous, result.Status);
        Assert.Equal(1, Calls("POST", "/air/orders"));
        var ticket = Assert.Single(Sandbox.Ledger.Orders);
        Assert.NotNull(found);
        Assert.Equal((ticket.Id, ticket.BookingReference), (found.ProviderOrderId, found.BookingReference));
        Assert.Null(await Flights.FindOrderByAttemptAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task CreateOrder_Timeout_IsAmbiguousAfterOneAttempt()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(2, DuffelFault.Timeout);
        var clock = Stopwatch.StartNew();

        var result = await Flights.CreateOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal(OrderStatus.Ambiguous, result.Status);
        Assert.StartsWith("transport_", result.FailureCode, StringComparison.Ordinal);
        // One attempt of Duffel:TimeoutSeconds (5 s here), not several.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(9));
        Assert.Equal(1, Sandbox.Faults.PendingOrderCreationFaults);
    }

    [Fact]
    public async Task CreateOrder_OfferGone_IsRejected()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.MarkOfferGone(offer.Candidate.ProviderOfferId);

        var result = await Flights.CreateOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal((OrderStatus.Rejected, "offer_no_longer_available"), (result.Status, result.FailureCode));
        Assert.NotNull(result.ProviderRequestId);
    }

    [Fact]
    public async Task CreateOrder_PriceChanged_IsRejected()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Fares.RepriceOffer(offer.Candidate.ProviderOfferId, offer.Candidate.Total.Amount + 25m);

        var result = await Flights.CreateOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal((OrderStatus.Rejected, "price_changed"), (result.Status, result.FailureCode));
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task CreateOrder_RateLimited_IsRejectedWithRetryAfterAndNotRetried()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.RateLimitReset = TimeSpan.FromSeconds(30);
        Sandbox.Faults.FailNextOrderCreation(1, DuffelFault.RateLimited);

        var result = await Flights.CreateOrderAsync(OrderFor(offer, Guid.NewGuid()), CancellationToken.None);

        Assert.Equal((OrderStatus.Rejected, "rate_limited"), (result.Status, result.FailureCode));
        Assert.NotNull(result.RetryAfter);
        Assert.InRange(result.RetryAfter.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(33));
        Assert.Equal(1, Calls("POST", "/air/orders"));
    }

    [Fact]
    public async Task Reprice_TransientServiceUnavailable_IsRetriedAndSucceeds()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.FailNext(DuffelOperation.GetOffer, 2, DuffelFault.ServiceUnavailable);

        var result = await Flights.RepriceAsync(offer.Candidate.ProviderOfferId, CancellationToken.None);

        Assert.Equal(RepriceStatus.Available, result.Status);
        Assert.Equal(offer.Candidate.Total, result.Total);
        Assert.Equal(0, Sandbox.Faults.PendingFaults(DuffelOperation.GetOffer));
        Assert.Equal(3, Calls("GET", "/air/offers/" + offer.Candidate.ProviderOfferId));
    }

    [Fact]
    public async Task Reprice_TimeoutOnce_IsRetriedAndSucceeds()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.FailNext(DuffelOperation.GetOffer, 1, DuffelFault.Timeout);

        var result = await Flights.RepriceAsync(offer.Candidate.ProviderOfferId, CancellationToken.None);

        Assert.Equal(RepriceStatus.Available, result.Status);
        Assert.Equal(0, Sandbox.Faults.PendingFaults(DuffelOperation.GetOffer));
    }

    [Fact]
    public async Task Reprice_RateLimited_WaitsForTheResetThenRetries()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.FailNext(DuffelOperation.GetOffer, 1, DuffelFault.RateLimited);
        var clock = Stopwatch.StartNew();

        var result = await Flights.RepriceAsync(offer.Candidate.ProviderOfferId, CancellationToken.None);

        Assert.Equal(RepriceStatus.Available, result.Status);
        // ratelimit-reset is an HTTP date a second or two ahead: the retry waited for it (the base delay is 10 ms).
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}");
        Assert.Equal(2, Calls("GET", "/air/offers/" + offer.Candidate.ProviderOfferId));
    }

    [Fact]
    public async Task Reprice_RateLimitedBeyondTheWaitCap_ThrowsRateLimitedWithRequestId()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.RateLimitReset = TimeSpan.FromSeconds(60);
        Sandbox.Faults.FailNext(DuffelOperation.GetOffer, 1, DuffelFault.RateLimited);

        var ex = await Assert.ThrowsAsync<DuffelApiException>(() => Flights.RepriceAsync(offer.Candidate.ProviderOfferId, CancellationToken.None));

        Assert.Equal(DuffelFailureKind.RateLimited, ex.Kind);
        Assert.Equal("rate_limit_exceeded", ex.Code);
        Assert.NotNull(ex.RequestId);
        Assert.NotNull(ex.RetryAfter);
        Assert.True(ex.RetryAfter > TimeSpan.FromSeconds(50));
        Assert.Equal(1, Calls("GET", "/air/offers/" + offer.Candidate.ProviderOfferId));
    }

    [Fact]
    public async Task Reprice_ExpiredOffer_IsGone()
    {
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.ExpireOffer(offer.Candidate.ProviderOfferId);

        var result = await Flights.RepriceAsync(offer.Candidate.ProviderOfferId, CancellationToken.None);

        Assert.Equal(RepriceStatus.Gone, result.Status);
    }

    [Fact]
    public async Task Search_OfferRequestServerErrorOnce_IsRetried()
    {
        Sandbox.Faults.FailNext(DuffelOperation.CreateOfferRequest, 1, DuffelFault.ServerError);

        var result = await Flights.SearchAsync(LondonToNewYork(), CancellationToken.None);

        Assert.NotEmpty(result.Offers);
        Assert.Equal(2, Calls("POST", "/air/offer_requests"));
    }

    [Fact]
    public async Task Search_PersistentServerError_ThrowsServerErrorWithRequestIdAfterRetries()
    {
        Sandbox.Faults.FailNext(DuffelOperation.CreateOfferRequest, 10, DuffelFault.ServerError);

        var ex = await Assert.ThrowsAsync<DuffelApiException>(() => Flights.SearchAsync(LondonToNewYork(), CancellationToken.None));

        Assert.Equal(DuffelFailureKind.ServerError, ex.Kind);
        Assert.NotNull(ex.RequestId);
        Assert.Equal(4, Calls("POST", "/air/offer_requests"));
    }

    [Fact]
    public async Task Search_InvalidRequest_ThrowsValidationWithoutRetry()
    {
        var ex = await Assert.ThrowsAsync<DuffelApiException>(() =>
            Flights.SearchAsync(LondonToNewYork() with { Cabin = "steerage" }, CancellationToken.None));

        Assert.Equal(DuffelFailureKind.Validation, ex.Kind);
        Assert.NotNull(ex.RequestId);
        Assert.Equal(1, Calls("POST", "/air/offer_requests"));
    }

    [Fact]
    public async Task Search_NoOffersOnTheRoute_ReturnsNone()
    {
        Sandbox.Fares.SetNoOffers("LHR", "JFK");

        var result = await Flights.SearchAsync(LondonToNewYork(), CancellationToken.None);

        Assert.Empty(result.Offers);
    }

    [Fact]
    public async Task Search_OneAdultOneWayPinnedAt400_CostsExactly400()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400m, "GBP");

        var offer = await CheapestOfferAsync();

        Assert.Equal(new Money(400.00m, "GBP"), offer.Candidate.Total);
        Assert.Equal(40000, offer.Candidate.Total.ToMinorUnits());
    }

    [Fact]
    public async Task Search_ReturnWithAChildAndAnInfant_PricesEveryoneAndMapsTheirIdsInSearchOrder()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400m, "GBP");
        var inbound = (await Flights.SearchAsync(LondonToNewYork() with { Origin = "JFK", Destination = "LHR", DepartureDate = ReturnDate }, CancellationToken.None))
            .Offers.Min(o => o.Candidate.Total.Amount);

        var result = await Flights.SearchAsync(FamilyReturn(), CancellationToken.None);

        var searched = Sandbox.Ledger.OfferRequests[^1];
        Assert.Equal([new LedgerSlice("LHR", "JFK", TestCalendar.FirstDeparture), new LedgerSlice("JFK", "LHR", ReturnDate)], searched.Slices);
        Assert.Equal([("adult", (int?)null), ("child", 7), ("infant_without_seat", 1)], searched.Passengers.Select(p => (p.Type, p.Age)));
        Assert.Equal(3, result.Offers.Count);
        Assert.All(result.Offers, o => Assert.Equal(searched.Passengers.Select(p => p.Id), o.PassengerIds));
        var cheapest = result.Offers.MinBy(o => o.Candidate.Total.Amount)!;
        // Adult, child (75%) and infant (10%), each way: out at the pinned 400, back at the route's own fare.
        var expected = 400m + 300m + 40m + inbound + decimal.Round(inbound * 0.75m, 2) + decimal.Round(inbound * 0.10m, 2);
        Assert.Equal(new Money(expected, "GBP"), cheapest.Candidate.Total);
        Assert.Equal((0, 1), (cheapest.Candidate.MaxStops, cheapest.Candidate.CheckedBags));
        Assert.Equal(["BA"], cheapest.Candidate.Carriers);
        using var raw = JsonDocument.Parse(cheapest.RawJson);
        var durations = raw.RootElement.GetProperty("slices").EnumerateArray().Select(s => XmlConvert.ToTimeSpan(s.GetProperty("duration").GetString()!)).ToList();
        Assert.Equal(2, durations.Count);
        Assert.Equal(durations.Max(), cheapest.Candidate.TotalDuration);
        var connecting = result.Offers.Single(o => o.Candidate.Carriers.SequenceEqual(["AA"]));
        Assert.Equal(1, connecting.Candidate.MaxStops);
    }

    /// <summary>None, ten, more lap infants than adults, a lap infant alone with a child, an age that makes no sense.</summary>
    public static TheoryData<SearchPassenger[]> PassengerMixesDuffelRefuses => new(
        [],
        [.. Enumerable.Repeat(SearchPassenger.Adult, 10)],
        [SearchPassenger.Adult, new SearchPassenger(1), new SearchPassenger(0)],
        [new SearchPassenger(1), new SearchPassenger(9)],
        [SearchPassenger.Adult, new SearchPassenger(17), new SearchPassenger(-3)]);

    [Theory]
    [MemberData(nameof(PassengerMixesDuffelRefuses))]
    public async Task Search_PassengerMixDuffelRefuses_ThrowsValidationWithoutRetry(SearchPassenger[] passengers)
    {
        var ex = await Assert.ThrowsAsync<DuffelApiException>(() =>
            Flights.SearchAsync(LondonToNewYork() with { Passengers = passengers }, CancellationToken.None));

        Assert.Equal(DuffelFailureKind.Validation, ex.Kind);
        Assert.NotNull(ex.RequestId);
        Assert.Equal(1, Calls("POST", "/air/offer_requests"));
        Assert.Empty(Sandbox.Ledger.OfferRequests);
    }

    [Fact]
    public async Task Search_ReturnBeforeTheOutbound_ThrowsValidation()
    {
        var ex = await Assert.ThrowsAsync<DuffelApiException>(() =>
            Flights.SearchAsync(LondonToNewYork() with { ReturnDate = TestCalendar.Departure(-1) }, CancellationToken.None));

        Assert.Equal(DuffelFailureKind.Validation, ex.Kind);
    }

    [Fact]
    public async Task CreateOrder_InfantOnTheAdultsLap_IsConfirmedAndTheLinkRecorded()
    {
        var offer = (await Flights.SearchAsync(FamilyReturn(), CancellationToken.None)).Offers.MinBy(o => o.Candidate.Total.Amount)!;
        var (adult, child, infant) = (offer.PassengerIds[0], offer.PassengerIds[1], offer.PassengerIds[2]);
        var attemptId = Guid.NewGuid();

        var result = await Flights.CreateOrderAsync(FamilyOrder(offer, attemptId, infantOnLap: true), CancellationToken.None);

        Assert.Equal(OrderStatus.Confirmed, result.Status);
        Assert.Equal(3, result.TicketNumbers.Count);
        var recorded = Assert.Single(Sandbox.Ledger.Orders);
        Assert.Equal(offer.Candidate.Total.Amount, recorded.TotalAmount);
        Assert.Equal([(adult, "adult", infant), (child, "child", null), (infant, "infant_without_seat", null)],
            recorded.Passengers.Select(p => (p.Id, p.Type, p.InfantPassengerId)));
        Assert.Equal(attemptId.ToString(), recorded.Metadata["attempt_id"]);
    }

    [Fact]
    public async Task CreateOrder_InfantOnNobodysLap_IsRejected()
    {
        var offer = (await Flights.SearchAsync(FamilyReturn(), CancellationToken.None)).Offers.MinBy(o => o.Candidate.Total.Amount)!;

        var result = await Flights.CreateOrderAsync(FamilyOrder(offer, Guid.NewGuid(), infantOnLap: false), CancellationToken.None);

        Assert.Equal(OrderStatus.Rejected, result.Status);
        Assert.StartsWith("validation_", result.FailureCode, StringComparison.Ordinal);
        Assert.NotNull(result.ProviderRequestId);
        Assert.Empty(Sandbox.Ledger.Orders);
        Assert.Equal(1, Calls("POST", "/air/orders"));
    }

    [Fact]
    public async Task CreateOrder_PassengersNotExactlyTheOffersOwn_IsRejected()
    {
        var offer = (await Flights.SearchAsync(FamilyReturn(), CancellationToken.None)).Offers.MinBy(o => o.Candidate.Total.Amount)!;
        var order = FamilyOrder(offer, Guid.NewGuid(), infantOnLap: true);
        // The child is left out and a passenger of another search named instead.
        var stranger = order.Passengers[1] with { ProviderPassengerId = "pas_0000ANotThisOfferPax" };

        var result = await Flights.CreateOrderAsync(order with { Passengers = [order.Passengers[0], stranger, order.Passengers[2]] }, CancellationToken.None);

        Assert.Equal(OrderStatus.Rejected, result.Status);
        Assert.StartsWith("validation_", result.FailureCode, StringComparison.Ordinal);
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task ListOrders_PagesWithCursors()
    {
        for (var i = 0; i < 3; i++)
        {
            await BookAsync();
        }

        var first = await Flights.ListOrdersAsync(null, 2, CancellationToken.None);
        var second = await Flights.ListOrdersAsync(first.After, 2, CancellationToken.None);

        Assert.Equal(2, first.Orders.Count);
        Assert.NotNull(first.After);
        Assert.Single(second.Orders);
        Assert.Null(second.After);
        Assert.Equal(Sandbox.Ledger.Orders.Select(o => o.Id), first.Orders.Concat(second.Orders).Select(o => o.ProviderOrderId));
    }

    [Fact]
    public async Task FindOrderByAttempt_MoreOrdersThanAPage_ReadsFullPagesUntilTheAttemptsOrder()
    {
        // A full page (the client asks for Duffel's maximum of 200) of other attempts' orders, then ours.
        await BookOffersAsync(DuffelClient.MaxOrderPageSize);
        var (mine, attemptId) = await BookAsync();
        var listed = Sandbox.Ledger.RequestsTo("duffel", "GET", "/air/orders").Count;

        var found = await Flights.FindOrderByAttemptAsync(attemptId, CancellationToken.None);

        Assert.Equal(DuffelClient.MaxOrderPageSize + 1, Sandbox.Ledger.Orders.Count);
        Assert.Equal(mine.ProviderOrderId, found?.ProviderOrderId);
        var pages = Sandbox.Ledger.RequestsTo("duffel", "GET", "/air/orders").Skip(listed).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Equal("?limit=200", pages[0].Query);
        Assert.StartsWith("?limit=200&after=", pages[1].Query, StringComparison.Ordinal);
        Assert.All(pages, p => Assert.Equal(200, p.StatusCode));

        Assert.Null(await Flights.FindOrderByAttemptAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Equal(4, Sandbox.Ledger.RequestsTo("duffel", "GET", "/air/orders").Count - listed);
    }

    [Fact]
    public async Task FindOrderByAttempt_SinceTheAttemptBegan_AsksDuffelOnlyForNewerOrders()
    {
        await BookOffersAsync(3);
        var (mine, attemptId) = await BookAsync();
        var created = Assert.Single(Sandbox.Ledger.Orders, o => o.Id == mine.ProviderOrderId).CreatedAt;
        var listed = Sandbox.Ledger.RequestsTo("duffel", "GET", "/air/orders").Count;

        var found = await Flights.FindOrderByAttemptAsync(attemptId, created.AddSeconds(-1), CancellationToken.None);
        var later = await Flights.FindOrderByAttemptAsync(attemptId, created.AddSeconds(1), CancellationToken.None);

        Assert.Equal(mine.ProviderOrderId, found?.ProviderOrderId);
        Assert.Null(later);
        var pages = Sandbox.Ledger.RequestsTo("duffel", "GET", "/air/orders").Skip(listed).ToList();
        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Contains("created_at[after]=", p.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetOrder_Unknown_IsNull()
    {
        Assert.Null(await Flights.GetOrderAsync("ord_0000AUnknownOrder0000", CancellationToken.None));
    }

    [Fact]
    public async Task CancelOrder_QuotesThenConfirms_RefundsToBalanceOnce()
    {
        var (order, _) = await BookAsync();
        var paid = Assert.Single(Sandbox.Ledger.Orders).TotalAmount;

        var result = await Flights.CancelOrderAsync(order.ProviderOrderId!, CancellationToken.None);
        var again = await Flights.CancelOrderAsync(order.ProviderOrderId!, CancellationToken.None);

        Assert.Equal(OrderCancellationStatus.Cancelled, result.Status);
        Assert.StartsWith("ore_", result.CancellationId, StringComparison.Ordinal);
        Assert.Equal(decimal.Round(paid * 0.9m, 2), result.Refund?.Amount);
        Assert.Equal("balance", result.RefundTo);
        Assert.NotNull(result.ProviderRequestId);
        var cancellation = Assert.Single(Sandbox.Ledger.OrderCancellations);
        Assert.Equal((result.CancellationId, order.ProviderOrderId), (cancellation.Id, cancellation.OrderId));
        Assert.NotNull(cancellation.ConfirmedAt);
        Assert.True((await Flights.GetOrderAsync(order.ProviderOrderId!, CancellationToken.None))!.IsCancelled);
        Assert.Equal(OrderCancellationStatus.AlreadyCancelled, again.Status);
        Assert.Equal(1, Calls("POST", $"/air/order_cancellations/{result.CancellationId}/actions/confirm"));
    }

    [Fact]
    public async Task CancelOrder_UnknownOrder_IsNotFound()
    {
        var result = await Flights.CancelOrderAsync("ord_0000AUnknownOrder0000", CancellationToken.None);

        Assert.Equal(OrderCancellationStatus.NotFound, result.Status);
        Assert.Empty(Sandbox.Ledger.OrderCancellations);
    }

    [Fact]
    public async Task CancelOrder_ConfirmServerError_IsAmbiguousAndConfirmedOnlyOnce()
    {
        var (order, _) = await BookAsync();
        Sandbox.Faults.FailNext(DuffelOperation.ConfirmOrderCancellation, 2, DuffelFault.ServerError);

        var result = await Flights.CancelOrderAsync(order.ProviderOrderId!, CancellationToken.None);

        Assert.Equal((OrderCancellationStatus.Ambiguous, "http_500"), (result.Status, result.FailureCode));
        Assert.NotNull(result.ProviderRequestId);
        Assert.Equal(1, Sandbox.Faults.PendingFaults(DuffelOperation.ConfirmOrderCancellation));
        Assert.False((await Flights.GetOrderAsync(order.ProviderOrderId!, CancellationToken.None))!.IsCancelled);
    }

    [Fact]
    public async Task CancelOrder_ConfirmLostResponse_IsAmbiguousButTheOrderIsCancelled()
    {
        var (order, _) = await BookAsync();
        Sandbox.Faults.FailNext(DuffelOperation.ConfirmOrderCancellation, 1, DuffelFault.LostResponse);

        var result = await Flights.CancelOrderAsync(order.ProviderOrderId!, CancellationToken.None);

        Assert.Equal(OrderCancellationStatus.Ambiguous, result.Status);
        Assert.True((await Flights.GetOrderAsync(order.ProviderOrderId!, CancellationToken.None))!.IsCancelled);
        Assert.Equal(1, Sandbox.Ledger.Requests.Count(r => r.Path.EndsWith("/actions/confirm", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CancelOrder_QuoteServiceUnavailableOnce_IsRetried()
    {
        var (order, _) = await BookAsync();
        Sandbox.Faults.FailNext(DuffelOperation.CreateOrderCancellation, 1, DuffelFault.ServiceUnavailable);

        var result = await Flights.CancelOrderAsync(order.ProviderOrderId!, CancellationToken.None);

        Assert.Equal(OrderCancellationStatus.Cancelled, result.Status);
        Assert.Equal(2, Calls("POST", "/air/order_cancellations"));
    }
}
