using System.Globalization;
using System.Net;
using System.Text.Json;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

/// <summary>
/// Hold orders as Duffel's "Holding Orders and Paying Later" guide and its Payments API describe them: an order of type
/// hold for an offer that does not require instant payment, no tickets until <c>POST /air/payments</c> pays its current
/// total by <c>payment_required_by</c>, and a zero refund when an unpaid hold is cancelled (issue 20).
/// </summary>
public sealed class DuffelHoldTests : SandboxTest
{
    private readonly ManualClock clock = new();

    protected override TimeProvider Time => clock;

    private static DateTimeOffset Timestamp(JsonElement element, string property) =>
        DateTimeOffset.Parse(element.Str(property), CultureInfo.InvariantCulture);

    /// <summary>Holds AA's LHR→JFK offer, pinned at 400.00 for one adult (AA's costs 12% more: 448.00), and returns the order.</summary>
    private async Task<JsonElement> HoldAsync()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400m);
        var offer = await Duffel.OfferOfAsync("AA");
        using var created = await Duffel.CreateOrderAsync(DuffelCalls.HoldBodyFor(offer));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await Json.ReadAsync(created)).GetProperty("data");
    }

    private async Task<JsonElement> GetOrderAsync(string orderId)
    {
        using var response = await Duffel.GetAsync($"air/orders/{orderId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Json.ReadAsync(response)).GetProperty("data");
    }

    private Task<HttpResponseMessage> QuoteCancellationAsync(string orderId) =>
        Duffel.PostAsync("air/order_cancellations", Json.Body($$$"""{"data":{"order_id":"{{{orderId}}}"}}"""));

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? pointer = null)
    {
        Assert.Equal(status, response.StatusCode);
        var errors = (await Json.ReadAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.Str("code") == code
            && (pointer is null || (e.TryGetProperty("source", out var source) && source.Str("pointer") == pointer)));
    }

    [Fact]
    public async Task Hold_OfferThatCanBeHeld_Is201AwaitingPaymentWithoutTickets_AndTheOfferIsSold()
    {
        Sandbox.Fares.SetFare("LHR", "JFK", TestCalendar.FirstDeparture, 400m);
        var offer = await Duffel.OfferOfAsync("AA");
        Assert.False(offer.GetProperty("payment_requirements").GetProperty("requires_instant_payment").GetBoolean());

        using var created = await Duffel.CreateOrderAsync(DuffelCalls.HoldBodyFor(offer));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = (await Json.ReadAsync(created)).GetProperty("data");
        Assert.Equal("hold", order.Str("type"));
        Assert.Matches("^[A-Z0-9]{6}$", order.Str("booking_reference"));
        Assert.Equal(("448.00", "GBP"), (order.Str("total_amount"), order.Str("total_currency")));
        Assert.Equal(0, order.GetProperty("documents").GetArrayLength());
        var status = order.GetProperty("payment_status");
        Assert.True(status.GetProperty("awaiting_payment").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("paid_at").ValueKind);
        var createdAt = Timestamp(order, "created_at");
        Assert.Equal(createdAt + TimeSpan.FromHours(72), Timestamp(status, "payment_required_by"));
        Assert.Equal(createdAt + TimeSpan.FromHours(24), Timestamp(status, "price_guarantee_expires_at"));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("cancelled_at").ValueKind);

        var recorded = Assert.Single(Sandbox.Ledger.Orders);
        Assert.Equal((order.Str("id"), "hold", true), (recorded.Id, recorded.Type, recorded.AwaitingPayment));
        Assert.Empty(recorded.TicketNumbers);
        Assert.Null(recorded.PaidAt);
        Assert.Equal(createdAt + TimeSpan.FromHours(72), recorded.PaymentRequiredBy);
        Assert.Empty(Sandbox.Ledger.OrderPayments);

        using var again = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        await AssertErrorAsync(again, HttpStatusCode.UnprocessableEntity, "offer_no_longer_available");
    }

    [Theory]
    [InlineData("BA")]
    [InlineData("VS")]
    public async Task Hold_OfferRequiringInstantPayment_Is422OnType_AndSellsNothing(string carrier)
    {
        var offer = await Duffel.OfferOfAsync(carrier);
        Assert.True(offer.GetProperty("payment_requirements").GetProperty("requires_instant_payment").GetBoolean());

        using var response = await Duffel.CreateOrderAsync(DuffelCalls.HoldBodyFor(offer));

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "validation_format", "/type");
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Hold_CarryingPayments_Is422OnPayments_AndSellsNothing()
    {
        var offer = await Duffel.OfferOfAsync("AA");
        var body = DuffelCalls.OrderBodyFor(offer).Replace("\"type\":\"instant\"", "\"type\":\"hold\"", StringComparison.Ordinal);

        using var response = await Duffel.CreateOrderAsync(body);

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "validation_format", "/payments");
        Assert.Empty(Sandbox.Ledger.Orders);
    }

    [Fact]
    public async Task Order_InstantWithoutPayments_Is422Required()
    {
        var offer = await Duffel.OfferOfAsync("AA");
        var body = DuffelCalls.HoldBodyFor(offer).Replace("\"type\":\"hold\"", "\"type\":\"instant\"", StringComparison.Ordinal);

        using var response = await Duffel.CreateOrderAsync(body);

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "validation_required", "/payments");
    }

    [Fact]
    public async Task Order_Instant_ShowsNothingAwaitingPayment()
    {
        var offer = await Duffel.OfferOfAsync("AA");
        using var created = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));

        var order = (await Json.ReadAsync(created)).GetProperty("data");

        Assert.Equal("instant", order.Str("type"));
        var status = order.GetProperty("payment_status");
        Assert.False(status.GetProperty("awaiting_payment").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("payment_required_by").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("price_guarantee_expires_at").ValueKind);
        Assert.Equal(1, order.GetProperty("documents").GetArrayLength());
        var recorded = Assert.Single(Sandbox.Ledger.Orders);
        Assert.Equal(("instant", false, Timestamp(order, "created_at")), (recorded.Type, recorded.AwaitingPayment, recorded.PaidAt));
    }

    [Fact]
    public async Task Pay_HoldAtItsTotal_Is201WithThePayment_AndTicketsTheOrder()
    {
        var hold = await HoldAsync();

        using var paid = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00"));

        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var payment = (await Json.ReadAsync(paid)).GetProperty("data");
        Assert.StartsWith("pay_0000A", payment.Str("id"), StringComparison.Ordinal);
        Assert.Equal(("448.00", "GBP", "balance"), (payment.Str("amount"), payment.Str("currency"), payment.Str("type")));
        Assert.Equal(JsonValueKind.String, payment.GetProperty("created_at").ValueKind);
        var order = await GetOrderAsync(hold.Str("id"));
        var ticket = Assert.Single(order.GetProperty("documents").EnumerateArray());
        Assert.Equal("electronic_ticket", ticket.Str("type"));
        Assert.Matches(@"^001-\d{10}$", ticket.Str("unique_identifier"));
        var status = order.GetProperty("payment_status");
        Assert.False(status.GetProperty("awaiting_payment").GetBoolean());
        Assert.Equal(Timestamp(payment, "created_at"), Timestamp(status, "paid_at"));
        Assert.Equal(JsonValueKind.Null, status.GetProperty("payment_required_by").ValueKind);

        var recorded = Assert.Single(Sandbox.Ledger.OrderPayments);
        Assert.Equal((payment.Str("id"), hold.Str("id"), 448.00m, "GBP", "balance"),
            (recorded.Id, recorded.OrderId, recorded.Amount, recorded.Currency, recorded.Type));
        var ledgerOrder = Assert.Single(Sandbox.Ledger.Orders);
        Assert.False(ledgerOrder.AwaitingPayment);
        Assert.Equal([ticket.Str("unique_identifier")], ledgerOrder.TicketNumbers);
        Assert.NotNull(ledgerOrder.PaidAt);
    }

    [Fact]
    public async Task Pay_RepricedHold_Is422PriceChangedStatingTheNewTotal_ThenTheNewTotalPays()
    {
        var hold = await HoldAsync();
        clock.Advance(TimeSpan.FromHours(25));
        Sandbox.Airline.RepriceHold(hold.Str("id"), 471.25m);

        using var stale = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00"));

        await AssertErrorAsync(stale, HttpStatusCode.UnprocessableEntity, "price_changed");
        Assert.Contains("471.25 GBP", (await Json.ReadAsync(stale)).GetProperty("errors")[0].Str("message"), StringComparison.Ordinal);
        Assert.Equal("471.25", (await GetOrderAsync(hold.Str("id"))).Str("total_amount"));
        Assert.Empty(Sandbox.Ledger.OrderPayments);
        Assert.Equal(471.25m, Assert.Single(Sandbox.Ledger.Orders).TotalAmount);
        using var current = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "471.25"));
        Assert.Equal(HttpStatusCode.Created, current.StatusCode);
    }

    [Fact]
    public async Task Pay_InAnotherCurrency_Is422PriceChanged()
    {
        var hold = await HoldAsync();

        using var response = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00", "USD"));

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "price_changed");
        Assert.Empty(Sandbox.Ledger.OrderPayments);
    }

    [Fact]
    public async Task Pay_Twice_SecondIs422AlreadyPaid_AndOnePaymentIsTaken()
    {
        var hold = await HoldAsync();
        using var first = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00"));

        using var second = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertErrorAsync(second, HttpStatusCode.UnprocessableEntity, "already_paid");
        Assert.Single(Sandbox.Ledger.OrderPayments);
        Assert.Single((await GetOrderAsync(hold.Str("id"))).GetProperty("documents").EnumerateArray());
    }

    [Fact]
    public async Task Pay_InstantOrder_Is422AlreadyPaid()
    {
        var offer = await Duffel.OfferOfAsync("BA");
        using var created = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        var order = (await Json.ReadAsync(created)).GetProperty("data");

        using var response = await Duffel.PayAsync(DuffelCalls.PaymentBody(order.Str("id"), order.Str("total_amount")));

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "already_paid");
        Assert.Empty(Sandbox.Ledger.OrderPayments);
    }

    [Fact]
    public async Task Pay_JustBeforeTheDeadline_IsTaken()
    {
        var hold = await HoldAsync();
        clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromSeconds(1));

        using var response = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Pay_PastTheDeadline_Is422OrderExpired_AndTheHoldReadsCancelledAtItsDeadline()
    {
        var hold = await HoldAsync();
        var deadline = Timestamp(hold.GetProperty("payment_status"), "payment_required_by");
        clock.Advance(TimeSpan.FromHours(72));

        using var response = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00"));

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "order_expired");
        Assert.Empty(Sandbox.Ledger.OrderPayments);
        var order = await GetOrderAsync(hold.Str("id"));
        Assert.Equal(deadline, Timestamp(order, "cancelled_at"));
        Assert.False(order.GetProperty("payment_status").GetProperty("awaiting_payment").GetBoolean());
        Assert.Equal(0, order.GetProperty("documents").GetArrayLength());
        var recorded = Assert.Single(Sandbox.Ledger.Orders);
        Assert.Equal((deadline, deadline, false), (recorded.ExpiredAt, recorded.CancelledAt, recorded.AwaitingPayment));
        using var quote = await QuoteCancellationAsync(hold.Str("id"));
        await AssertErrorAsync(quote, HttpStatusCode.UnprocessableEntity, "already_cancelled");
    }

    [Fact]
    public async Task Get_UnpaidHoldPastItsDeadline_ReadsCancelledAtTheDeadline()
    {
        var hold = await HoldAsync();
        clock.Advance(TimeSpan.FromDays(4));

        var order = await GetOrderAsync(hold.Str("id"));

        Assert.Equal(Timestamp(hold.GetProperty("payment_status"), "payment_required_by"), Timestamp(order, "cancelled_at"));
        Assert.NotNull(Assert.Single(Sandbox.Ledger.Orders).ExpiredAt);
    }

    [Fact]
    public async Task Cancel_UnpaidHold_QuotesAZeroRefundAndCancels_ThenPayingIs422AlreadyCancelled()
    {
        var hold = await HoldAsync();

        using var quoted = await QuoteCancellationAsync(hold.Str("id"));
        var quote = (await Json.ReadAsync(quoted)).GetProperty("data");
        using var confirmed = await Duffel.PostAsync($"air/order_cancellations/{quote.Str("id")}/actions/confirm", null);
        using var paid = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00"));

        Assert.Equal(HttpStatusCode.Created, quoted.StatusCode);
        Assert.Equal(("0.00", "GBP"), (quote.Str("refund_amount"), quote.Str("refund_currency")));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(JsonValueKind.String, (await GetOrderAsync(hold.Str("id"))).GetProperty("cancelled_at").ValueKind);
        await AssertErrorAsync(paid, HttpStatusCode.UnprocessableEntity, "already_cancelled");
        Assert.Equal(0m, Assert.Single(Sandbox.Ledger.OrderCancellations).RefundAmount);
        var recorded = Assert.Single(Sandbox.Ledger.Orders);
        Assert.NotNull(recorded.CancelledAt);
        Assert.Null(recorded.ExpiredAt);
        Assert.Empty(Sandbox.Ledger.OrderPayments);
    }

    [Fact]
    public async Task Pay_UnknownOrder_Is404()
    {
        using var response = await Duffel.PayAsync(DuffelCalls.PaymentBody("ord_0000AUnknown", "448.00"));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Pay_WithoutAmountOrOrder_Is422ValidationForEach()
    {
        using var response = await Duffel.PayAsync("""{"data":{"payment":{"type":"balance","currency":"GBP"}}}""");

        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "validation_required", "/order_id");
        await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "validation_required", "/payment/amount");
    }

    [Fact]
    public async Task Reprice_InstantOrder_IsRefused()
    {
        var offer = await Duffel.OfferOfAsync("BA");
        using var created = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        var orderId = (await Json.ReadAsync(created)).GetProperty("data").Str("id");

        Assert.Throws<InvalidOperationException>(() => Sandbox.Airline.RepriceHold(orderId, 500m));
        Assert.Throws<KeyNotFoundException>(() => Sandbox.Airline.RepriceHold("ord_0000AUnknown", 500m));
    }

    [Theory]
    [InlineData(DuffelFault.ServerError, HttpStatusCode.InternalServerError)]
    [InlineData(DuffelFault.ServiceUnavailable, HttpStatusCode.ServiceUnavailable)]
    [InlineData(DuffelFault.RateLimited, HttpStatusCode.TooManyRequests)]
    public async Task Fault_OnPayment_AnswersTheFaultAndPaysNothing_ThenTheNextPaymentIsTaken(DuffelFault fault, HttpStatusCode status)
    {
        var hold = await HoldAsync();
        Sandbox.Faults.FailNext(DuffelOperation.CreatePayment, 1, fault);

        using var failed = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00"));

        Assert.Equal(status, failed.StatusCode);
        Assert.Empty(Sandbox.Ledger.OrderPayments);
        Assert.Equal(0, Sandbox.Faults.PendingFaults(DuffelOperation.CreatePayment));
        using var next = await Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00"));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Fact]
    public async Task Fault_TimeoutOnPayment_ClientTimesOutAndNothingIsPaid()
    {
        var hold = await HoldAsync();
        Sandbox.Faults.FailNext(DuffelOperation.CreatePayment, 1, DuffelFault.Timeout);
        using var impatient = CreateDuffelClient(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00")));

        Assert.Empty(Sandbox.Ledger.OrderPayments);
        Assert.True((await GetOrderAsync(hold.Str("id"))).GetProperty("payment_status").GetProperty("awaiting_payment").GetBoolean());
    }

    [Fact]
    public async Task Fault_LostResponseOnPayment_CallerSeesAFailureButTheHoldIsPaid()
    {
        var hold = await HoldAsync();
        Sandbox.Faults.FailNext(DuffelOperation.CreatePayment, 1, DuffelFault.LostResponse);

        await Assert.ThrowsAsync<HttpRequestException>(() => Duffel.PayAsync(DuffelCalls.PaymentBody(hold.Str("id"), "448.00")));

        Assert.Single(Sandbox.Ledger.OrderPayments);
        var order = await GetOrderAsync(hold.Str("id"));
        Assert.False(order.GetProperty("payment_status").GetProperty("awaiting_payment").GetBoolean());
        Assert.Equal(1, order.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public void Fault_AcceptedThenFailed_IsOnlyForOrderCreation() =>
        Assert.Throws<ArgumentException>(() => Sandbox.Faults.FailNext(DuffelOperation.CreatePayment, 1, DuffelFault.AcceptedThenFailed));

    [Fact]
    public async Task Admin_PaymentFaultsAndHoldRepricing_AreReachableByName()
    {
        var hold = await HoldAsync();
        using var admin = CreateBareClient();

        using var fault = await admin.PostAsync("_sandbox/faults/duffel", Json.Body("""{"operation":"create_payment","count":1,"kind":"server_error"}"""));
        using var repriced = await admin.PostAsync($"_sandbox/orders/{hold.Str("id")}/reprice", Json.Body("""{"total_amount":"460.10"}"""));

        Assert.Equal(HttpStatusCode.OK, fault.StatusCode);
        Assert.Equal(1, Sandbox.Faults.PendingFaults(DuffelOperation.CreatePayment));
        Assert.Equal(HttpStatusCode.OK, repriced.StatusCode);
        Assert.Equal("460.10", (await GetOrderAsync(hold.Str("id"))).Str("total_amount"));
    }
}
