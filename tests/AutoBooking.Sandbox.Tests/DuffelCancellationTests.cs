using System.Globalization;
using System.Net;
using System.Text.Json;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

/// <summary>Duffel order cancellations (quote, confirm) and the per-operation faults, on the wire.</summary>
public sealed class DuffelCancellationTests : SandboxTest
{
    private async Task<string> BookAsync()
    {
        var offer = await Duffel.CheapestOfferAsync();
        using var created = await Duffel.CreateOrderAsync(DuffelCalls.OrderBodyFor(offer));
        return (await Json.ReadAsync(created)).GetProperty("data").Str("id");
    }

    private Task<HttpResponseMessage> QuoteAsync(string orderId) =>
        Duffel.PostAsync("air/order_cancellations", Json.Body("""{"data":{"order_id":"ORDER_ID"}}""".Replace("ORDER_ID", orderId, StringComparison.Ordinal)));

    [Fact]
    public async Task Cancellation_QuoteThenConfirm_CancelsTheOrderWithARefund()
    {
        var orderId = await BookAsync();
        var paid = Assert.Single(Sandbox.Ledger.Orders).TotalAmount;

        using var quoted = await QuoteAsync(orderId);
        var quote = (await Json.ReadAsync(quoted)).GetProperty("data");
        using var confirmed = await Duffel.PostAsync($"air/order_cancellations/{quote.Str("id")}/actions/confirm", null);
        var confirmation = (await Json.ReadAsync(confirmed)).GetProperty("data");
        using var order = await Duffel.GetAsync($"air/orders/{orderId}");

        Assert.Equal(HttpStatusCode.Created, quoted.StatusCode);
        Assert.StartsWith("ore_0000A", quote.Str("id"), StringComparison.Ordinal);
        Assert.Equal(orderId, quote.Str("order_id"));
        Assert.Equal(decimal.Round(paid * 0.9m, 2).ToString("0.00", CultureInfo.InvariantCulture), quote.Str("refund_amount"));
        Assert.Equal(("GBP", "balance"), (quote.Str("refund_currency"), quote.Str("refund_to")));
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("confirmed_at").ValueKind);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(JsonValueKind.String, confirmation.GetProperty("confirmed_at").ValueKind);
        Assert.Equal(JsonValueKind.String, (await Json.ReadAsync(order)).GetProperty("data").GetProperty("cancelled_at").ValueKind);
        var recorded = Assert.Single(Sandbox.Ledger.OrderCancellations);
        Assert.Equal((quote.Str("id"), orderId, decimal.Round(paid * 0.9m, 2)), (recorded.Id, recorded.OrderId, recorded.RefundAmount));
        Assert.NotNull(recorded.ConfirmedAt);
    }

    [Fact]
    public async Task Cancellation_OfACancelledOrder_Is422AlreadyCancelled()
    {
        var orderId = await BookAsync();
        using (var quoted = await QuoteAsync(orderId))
        {
            var id = (await Json.ReadAsync(quoted)).GetProperty("data").Str("id");
            using var confirmed = await Duffel.PostAsync($"air/order_cancellations/{id}/actions/confirm", null);
        }

        using var again = await QuoteAsync(orderId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("already_cancelled", (await DuffelCalls.ReadErrorAsync(again)).Code);
    }

    [Fact]
    public async Task Cancellation_UnknownOrderOrQuote_Is404()
    {
        using var quote = await QuoteAsync("ord_0000AUnknown");
        using var confirm = await Duffel.PostAsync("air/order_cancellations/ore_0000AUnknown/actions/confirm", null);
        using var get = await Duffel.GetAsync("air/order_cancellations/ore_0000AUnknown");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { quote.StatusCode, confirm.StatusCode, get.StatusCode });
    }

    [Fact]
    public async Task Cancellation_WithoutOrderId_Is422Validation()
    {
        using var response = await Duffel.PostAsync("air/order_cancellations", Json.Body("""{"data":{}}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("validation_required", (await DuffelCalls.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task RateLimitedFault_Answers429WithDuffelsRateLimitHeaders()
    {
        Sandbox.Faults.FailNext(DuffelOperation.ListOrders, 1, DuffelFault.RateLimited);

        using var limited = await Duffel.GetAsync("air/orders");
        using var next = await Duffel.GetAsync("air/orders");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("0", limited.Headers.GetValues("ratelimit-remaining").Single());
        var reset = DateTimeOffset.ParseExact(limited.Headers.GetValues("ratelimit-reset").Single(), "r", CultureInfo.InvariantCulture);
        Assert.InRange(reset - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.Equal(("rate_limit_error", "rate_limit_exceeded"), (await DuffelCalls.ReadErrorAsync(limited)) is var e ? (e.Type, e.Code) : default);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task ServiceUnavailableFault_Answers503ThenRecovers()
    {
        var offer = await Duffel.CheapestOfferAsync();
        Sandbox.Faults.FailNext(DuffelOperation.GetOffer, 1, DuffelFault.ServiceUnavailable);

        using var failed = await Duffel.GetAsync($"air/offers/{offer.Str("id")}");
        using var recovered = await Duffel.GetAsync($"air/offers/{offer.Str("id")}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotEmpty(failed.Headers.GetValues("x-request-id").Single());
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal([503, 200], Sandbox.Ledger.RequestsTo("duffel", "GET", $"/air/offers/{offer.Str("id")}").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task AdminFaults_ArrangeAnyDuffelOperationAndResend()
    {
        using var admin = CreateBareClient();

        using var duffel = await admin.PostAsync("_sandbox/faults/duffel", Json.Body("""{"operation":"get_order","count":2,"kind":"server_error"}"""));
        using var resend = await admin.PostAsync("_sandbox/faults/resend", Json.Body("""{"count":1,"kind":"rate_limited"}"""));
        using var bad = await admin.PostAsync("_sandbox/faults/duffel", Json.Body("""{"operation":"fly","kind":"server_error"}"""));
        using var webhooks = await admin.PostAsync("_sandbox/webhooks", Json.Body("""{"url":"http://127.0.0.1:9/hooks/{provider}","duffel_secret":"s"}"""));

        Assert.Equal(HttpStatusCode.OK, duffel.StatusCode);
        Assert.Equal(2, Sandbox.Faults.PendingFaults(DuffelOperation.GetOrder));
        Assert.Equal(1, Sandbox.Faults.PendingEmailFaults);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, webhooks.StatusCode);
        Assert.True(Sandbox.Webhooks.Enabled);
    }
}
