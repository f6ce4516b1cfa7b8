using AutoBooking.Functions.Api;
using AutoBooking.Functions.Webhooks;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>Saving, listing and removing cards through SetupIntents and Stripe's signed webhook.</summary>
public sealed class PaymentMethodsApiTests : IAsyncLifetime
{
    private readonly PipelineHarness harness = new();
    private readonly string ada = TestTokens.For("user-ada");
    private Db db = null!;

    public async Task InitializeAsync()
    {
        await harness.InitializeAsync();
        db = new Db(harness.DatabaseConnectionString);
    }

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task StartSetup_CreatesOneCustomerAndAnOffSessionSetupIntent_RetriedKeyGivesTheSameOne()
    {
        var first = await StripeFlow.StartAsync(harness, ada, "request-0001");
        var retried = await StripeFlow.StartAsync(harness, ada, "request-0001");
        var another = await StripeFlow.StartAsync(harness, ada, "request-0002");

        Assert.Equal(first, retried);
        Assert.NotEqual(first.SetupIntentId, another.SetupIntentId);
        Assert.StartsWith(first.SetupIntentId, first.ClientSecret, StringComparison.Ordinal);
        Assert.Equal(2, harness.Sandbox.Ledger.SetupIntents.Count);
        Assert.All(harness.Sandbox.Ledger.SetupIntents, s => Assert.Equal("off_session", s.Usage));
        Assert.Single(harness.Sandbox.Ledger.SetupIntents.Select(s => s.Customer).Distinct());
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from stripe_customers"));
    }

    [Fact]
    public async Task SavedCard_IsListedWithBrandLast4Expiry_RedeliveryChangesNothing_RemoveDetaches()
    {
        var setup = await StripeFlow.StartAsync(harness, ada);
        var paymentMethod = await StripeFlow.ConfirmAtStripeAsync(harness, setup.SetupIntentId, "pm_card_visa");
        var customer = await StripeFlow.SetupIntentCustomerAsync(harness, setup.SetupIntentId);
        var succeeded = StripeFlow.SetupSucceededEvent("evt_setup_1", setup.SetupIntentId, customer, paymentMethod);

        Assert.IsType<OkResult>(await StripeFlow.SendWebhookAsync(harness, succeeded));
        Assert.IsType<OkResult>(await StripeFlow.SendWebhookAsync(harness, succeeded));

        var card = Assert.Single(await ListAsync());
        Assert.Equal("visa", card.Brand);
        Assert.Equal("4242", card.Last4);
        Assert.InRange(card.ExpYear, DateTime.UtcNow.Year, DateTime.UtcNow.Year + 20);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from webhook_events where provider = 'stripe'"));

        Assert.IsType<NoContentResult>(await harness.Get<PaymentMethodsFunction>().Remove(
            PipelineHarness.Request("DELETE", token: ada), card.Id.ToString(), default));
        Assert.Empty(await ListAsync());
        ApiEndpoints.AssertProblem(await harness.Get<PaymentMethodsFunction>().Remove(
            PipelineHarness.Request("DELETE", token: ada), card.Id.ToString(), default), 404, "not-found", "removed twice");
    }

    public static TheoryData<string> BadSignatures => new() { "missing", "forged", "stale", "malformed", "other secret" };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task StripeWebhook_Unverifiable_Is400AndStoresNothing(string kind)
    {
        var setup = await StripeFlow.StartAsync(harness, ada);
        var paymentMethod = await StripeFlow.ConfirmAtStripeAsync(harness, setup.SetupIntentId, "pm_card_visa");
        var customer = await StripeFlow.SetupIntentCustomerAsync(harness, setup.SetupIntentId);
        var body = StripeFlow.SetupSucceededEvent("evt_bad", setup.SetupIntentId, customer, paymentMethod);
        var signature = kind switch
        {
            "missing" => "",
            "forged" => StripeFlow.Sign(body.Replace("succeeded\"", "succeeded \"", StringComparison.Ordinal), PipelineHarness.StripeWebhookSecret),
            "stale" => StripeFlow.Sign(body, PipelineHarness.StripeWebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-10)),
            "malformed" => "v1=abc,t=",
            _ => StripeFlow.Sign(body, "whsec_someone_else"),
        };
        var before = await db.RowCountsAsync();

        ApiEndpoints.AssertProblem(await StripeFlow.SendWebhookAsync(harness, body, signature), 400, "invalid-webhook", kind);

        Assert.Equal(before, await db.RowCountsAsync());
    }

    [Fact]
    public async Task StripeWebhook_ForAnotherPlatformsCustomer_IsAcknowledgedAndIgnored()
    {
        var body = StripeFlow.SetupSucceededEvent("evt_foreign", "seti_foreign", "cus_NotOurs", "pm_card_visa");

        Assert.IsType<OkResult>(await StripeFlow.SendWebhookAsync(harness, body));

        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from payment_methods"));
    }

    [Fact]
    public async Task DuffelWebhook_ScheduleChangeForOurOrder_IsRecordedOnTheTripOnce_ForgedIsRefused()
    {
        harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), ada);
        Assert.Equal(Core.Booking.BookingOutcomeKind.Booked, (await harness.RunBookingAsync(tripId)).Kind);
        var attemptId = await db.ScalarAsync<Guid>("select id from booking_attempts where trip_id = @tripId", new { tripId });
        var order = Assert.Single(harness.Sandbox.Ledger.Orders);
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "wev_0001",
            ["type"] = "order.airline_initiated_change_detected",
            ["live_mode"] = false,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["data"] = new System.Text.Json.Nodes.JsonObject
            {
                ["object"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["id"] = order.Id,
                    ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["attempt_id"] = attemptId.ToString() },
                },
            },
        }.ToJsonString();

        Assert.IsType<OkResult>(await SendDuffelAsync(body, Infrastructure.Webhooks.DuffelWebhookVerifier.SignatureFor(
            PipelineHarness.DuffelWebhookSecret, DateTimeOffset.UtcNow, body)));
        Assert.IsType<OkResult>(await SendDuffelAsync(body, Infrastructure.Webhooks.DuffelWebhookVerifier.SignatureFor(
            PipelineHarness.DuffelWebhookSecret, DateTimeOffset.UtcNow, body)));
        ApiEndpoints.AssertProblem(await SendDuffelAsync(body.Replace("wev_0001", "wev_0002", StringComparison.Ordinal),
            Infrastructure.Webhooks.DuffelWebhookVerifier.SignatureFor(PipelineHarness.DuffelWebhookSecret, DateTimeOffset.UtcNow, body)),
            400, "invalid-webhook", "body changed after signing");

        Assert.Equal(1L, await db.ScalarAsync<long>(
            "select count(*) from trip_events where trip_id = @tripId and kind = 'airline_schedule_change'", new { tripId }));
    }

    private Task<IActionResult> SendDuffelAsync(string body, string signature)
    {
        var request = PipelineHarness.Request("POST", body);
        request.Headers["X-Duffel-Signature"] = signature;
        return harness.Get<DuffelWebhookFunction>().Run(request, harness.Durable, default);
    }

    private async Task<IReadOnlyList<PaymentMethodResponse>> ListAsync() =>
        ((PageResponse<PaymentMethodResponse>)((OkObjectResult)await harness.Get<PaymentMethodsFunction>()
            .List(PipelineHarness.Request("GET", token: ada), default)).Value!).Items;
}
