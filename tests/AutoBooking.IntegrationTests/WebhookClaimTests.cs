using System.Text.Json.Nodes;
using AutoBooking.Core.Booking;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Webhooks;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Webhook events are claimed before processing: 32 simultaneous deliveries of one event process it once (Stripe and
/// Duffel); a worker that died holding the claim does not lose the event (the next delivery after its lease runs out
/// processes it); and a signed body that is not an event answers 400 invalid-webhook, changing nothing.
/// </summary>
public sealed class WebhookClaimTests(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private const int Simultaneous = 32;

    [Fact]
    public async Task StripeEvent_DeliveredThirtyTwoTimesAtOnce_IsProcessedOnce()
    {
        var (setupIntentId, customer, paymentMethodId) = await ConfirmedSetupAsync("user-stripe-burst");
        var body = StripeFlow.SetupSucceededEvent("evt_same_" + Guid.NewGuid().ToString("N"), setupIntentId, customer, paymentMethodId);

        var results = await Task.WhenAll(Enumerable.Range(0, Simultaneous).Select(_ => Task.Run(() => StripeFlow.SendWebhookAsync(harness, body))));

        Assert.All(results, r => Assert.IsType<OkResult>(r));
        // Processing the event reads the card from Stripe once; the duplicates never got that far.
        Assert.Single(harness.Sandbox.Ledger.RequestsTo("stripe", "GET", $"/v1/payment_methods/{paymentMethodId}"));
        var db = new Db(harness.DatabaseConnectionString);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from payment_methods where stripe_payment_method_id = @paymentMethodId", new { paymentMethodId }));
        Assert.Equal("processed", await db.ScalarAsync<string>("select status from webhook_events where event_id = @id",
            new { id = JsonNode.Parse(body)!["id"]!.GetValue<string>() }));
    }

    [Fact]
    public async Task DuffelEvent_DeliveredThirtyTwoTimesAtOnce_IsProcessedOnce()
    {
        var token = TestTokens.For("user-duffel-burst");
        harness.PinFare("JFK", 400m);
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(maxPrice: 500m), token);
        Assert.Equal(BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);
        var db = new Db(harness.DatabaseConnectionString);
        var attemptId = await db.ScalarAsync<Guid>("select id from booking_attempts where trip_id = @tripId limit 1", new { tripId });
        var body = new JsonObject
        {
            ["id"] = "wev_" + Guid.NewGuid().ToString("N"),
            ["type"] = "order.updated",
            ["live_mode"] = false,
            ["data"] = new JsonObject
            {
                ["object"] = new JsonObject { ["id"] = "ord_burst", ["metadata"] = new JsonObject { ["attempt_id"] = attemptId.ToString() } },
            },
        }.ToJsonString();

        var results = await Task.WhenAll(Enumerable.Range(0, Simultaneous).Select(_ => Task.Run(() => SendDuffelAsync(body))));

        Assert.All(results, r => Assert.IsType<OkResult>(r));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from trip_events where trip_id = @tripId and kind = 'duffel_order.updated'", new { tripId }));
    }

    [Fact]
    public async Task StripeEvent_ClaimedByAWorkerThatDied_IsProcessedByTheDeliveryAfterTheLease()
    {
        var (setupIntentId, customer, paymentMethodId) = await ConfirmedSetupAsync("user-stripe-crash");
        var eventId = "evt_crash_" + Guid.NewGuid().ToString("N");
        var body = StripeFlow.SetupSucceededEvent(eventId, setupIntentId, customer, paymentMethodId);
        // A worker claimed the event and died before finishing: its claim stays, with its lease.
        Assert.NotNull(await harness.Get<WebhookEventStore>().ClaimAsync("stripe", eventId, "setup_intent.succeeded", default));
        var db = new Db(harness.DatabaseConnectionString);

        Assert.IsType<OkResult>(await StripeFlow.SendWebhookAsync(harness, body));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from payment_methods where stripe_payment_method_id = @paymentMethodId", new { paymentMethodId }));

        // The lease runs out (simulated: the claim's lease is moved into the past); Stripe's next retry processes it.
        await db.ExecuteAsync("update webhook_events set lease_until = now() - interval '1 second' where event_id = @eventId", new { eventId });
        Assert.IsType<OkResult>(await StripeFlow.SendWebhookAsync(harness, body));

        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from payment_methods where stripe_payment_method_id = @paymentMethodId", new { paymentMethodId }));
        Assert.Equal("processed", await db.ScalarAsync<string>("select status from webhook_events where event_id = @eventId", new { eventId }));
        Assert.Equal(2, await db.ScalarAsync<int>("select attempts from webhook_events where event_id = @eventId", new { eventId }));
    }

    public static TheoryData<string, string> NotEvents => new()
    {
        { "array", "[1,2,3]" }, { "string", "\"evt_1\"" }, { "number", "42" }, { "null", "null" }, { "empty object", "{}" },
        { "no type", """{"id":"evt_1","data":{"object":{}}}""" }, { "no id", """{"type":"order.created","data":{"object":{}}}""" },
        { "no data", """{"id":"evt_1","type":"order.created"}""" }, { "data not an object", """{"id":"evt_1","type":"order.created","data":[]}""" },
        { "object not an object", """{"id":"evt_1","type":"order.created","data":{"object":"x"}}""" },
        { "id with NUL", """{"id":"evt_1\u0000","type":"order.created","data":{"object":{}}}""" },
        { "id with newline", """{"id":"evt_1\n","type":"order.created","data":{"object":{}}}""" },
        { "id a number", """{"id":1,"type":"order.created","data":{"object":{}}}""" },
        { "type with spaces", """{"id":"evt_1","type":"order created","data":{"object":{}}}""" },
        { "type with bidi override", """{"id":"evt_1","type":"order.created\u202E","data":{"object":{}}}""" },
        { "lone surrogate id", """{"id":"evt_\ud800","type":"order.created","data":{"object":{}}}""" },
        { "long id", "{\"id\":\"evt_" + new string('a', 300) + "\",\"type\":\"order.created\",\"data\":{\"object\":{}}}" },
        { "truncated", """{"id":"evt_1","type":"order.cre""" }, { "not json", "hello" },
        { "id twice", """{"id":1,"id":"evt_1","type":"order.created","data":{"object":{}}}""" },
        { "object id twice", """{"id":"evt_1","type":"order.created","data":{"object":{"id":"ord_1","id":"ord_2"}}}""" },
    };

    [Theory]
    [MemberData(nameof(NotEvents))]
    public async Task SignedBodyThatIsNotAnEvent_Is400InvalidWebhookAndChangesNothing(string why, string body)
    {
        var db = new Db(harness.DatabaseConnectionString);
        var before = await db.RowCountsAsync();

        var stripe = await StripeFlow.SendWebhookAsync(harness, body);
        var duffel = await SendDuffelAsync(body);

        ApiEndpoints.AssertProblem(stripe, 400, "invalid-webhook", "stripe: " + why);
        ApiEndpoints.AssertProblem(duffel, 400, "invalid-webhook", "duffel: " + why);
        Assert.Equal(before, await db.RowCountsAsync());
    }

    private async Task<(string SetupIntentId, string Customer, string PaymentMethodId)> ConfirmedSetupAsync(string user)
    {
        var setup = await StripeFlow.StartAsync(harness, TestTokens.For(user));
        var paymentMethodId = await StripeFlow.ConfirmAtStripeAsync(harness, setup.SetupIntentId, "pm_card_visa");
        return (setup.SetupIntentId, await StripeFlow.SetupIntentCustomerAsync(harness, setup.SetupIntentId), paymentMethodId);
    }

    private Task<IActionResult> SendDuffelAsync(string body)
    {
        var request = PipelineHarness.Request("POST", body);
        request.Headers[DuffelWebhookVerifier.SignatureHeader] = DuffelWebhookVerifier.SignatureFor(PipelineHarness.DuffelWebhookSecret, DateTimeOffset.UtcNow, body);
        return harness.Get<DuffelWebhookFunction>().Run(request, harness.Durable, default);
    }
}
