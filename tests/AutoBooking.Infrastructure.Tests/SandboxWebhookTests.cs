using System.Text;
using System.Text.Json;
using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Tests.Support;
using AutoBooking.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>The sandbox's signed webhooks, verified by the production verifiers registered in DI.</summary>
public sealed class SandboxWebhookTests : SandboxClientTest
{
    private const string DuffelSecret = "duffel_sandbox_webhook_secret";
    private const string StripeSecret = "whsec_sandbox_webhook_secret";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Duffel:WebhookSecret"] = DuffelSecret,
        ["Stripe:WebhookSecret"] = StripeSecret,
    };

    private DuffelWebhookVerifier DuffelVerifier => Services.GetRequiredService<DuffelWebhookVerifier>();

    private StripeWebhookVerifier StripeVerifier => Services.GetRequiredService<StripeWebhookVerifier>();

    [Fact]
    public async Task Webhooks_OffByDefault_SendNothing()
    {
        await BookAsync();

        Assert.False(Sandbox.Webhooks.Enabled);
        Assert.Empty(Sandbox.Ledger.WebhookDeliveries);
    }

    [Fact]
    public async Task OrderCreated_IsSignedAndCarriesTheAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Sandbox.Webhooks.Configure(receiver.Url, DuffelSecret, StripeSecret);

        var (order, attemptId) = await BookAsync();
        var webhook = await receiver.NextAsync(w => w.DuffelSignature is not null);
        var result = DuffelVerifier.Verify(webhook.DuffelSignature, webhook.Body);

        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(DuffelWebhookEventKind.OrderCreated, result.Event!.Kind);
        Assert.Equal(order.ProviderOrderId, result.Event.ObjectId);
        Assert.Equal(attemptId, result.Event.AttemptId);
        Assert.StartsWith("wev_", result.Event.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderCreated_AfterALostResponse_StillArrives()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Sandbox.Webhooks.Configure(receiver.Url, DuffelSecret, null);
        var attemptId = Guid.NewGuid();
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(1, AutoBooking.Sandbox.DuffelFault.LostResponse);

        var order = await Flights.CreateOrderAsync(OrderFor(offer, attemptId), CancellationToken.None);
        var webhook = await receiver.NextAsync(w => w.DuffelSignature is not null);

        Assert.Equal(OrderStatus.Ambiguous, order.Status);
        Assert.Equal(attemptId, DuffelVerifier.Verify(webhook.DuffelSignature, webhook.Body).Event!.AttemptId);
    }

    [Fact]
    public async Task OrderCreationFailed_AfterA202_IsSignedDeliveredAndCarriesTheAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Sandbox.Webhooks.Configure(receiver.Url, DuffelSecret, null);
        var attemptId = Guid.NewGuid();
        var offer = await CheapestOfferAsync();
        Sandbox.Faults.FailNextOrderCreation(1, AutoBooking.Sandbox.DuffelFault.AcceptedThenFailed);

        var order = await Flights.CreateOrderAsync(OrderFor(offer, attemptId), CancellationToken.None);
        var webhook = await receiver.NextAsync(w => w.DuffelSignature is not null);
        var result = DuffelVerifier.Verify(webhook.DuffelSignature, webhook.Body);

        Assert.Equal((OrderStatus.Ambiguous, "http_202"), (order.Status, order.FailureCode));
        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(DuffelWebhookEventKind.OrderCreationFailed, result.Event!.Kind);
        Assert.Equal(attemptId, result.Event.AttemptId);
        Assert.StartsWith("por_", result.Event.ObjectId, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(webhook.Body);
        var idempotencyKey = body.RootElement.GetProperty("idempotency_key").GetString()!;
        Assert.Equal("failed-" + result.Event.ObjectId, Encoding.UTF8.GetString(Convert.FromBase64String(idempotencyKey)));
        Assert.Equal(offer.Candidate.ProviderOfferId,
            body.RootElement.GetProperty("data").GetProperty("object").GetProperty("selected_offers")[0].GetString());
        // Reconciling finds nothing to reconcile: no ticket was sold.
        Assert.Null(await Flights.FindOrderByAttemptAsync(attemptId, CancellationToken.None));
        Assert.Empty(Sandbox.Ledger.Orders);
        await Eventually.TrueAsync(() => Sandbox.Ledger.WebhookDeliveries.Any(d => d.Type == "order.creation_failed" && d.Delivered),
            "the sandbox to record the delivery");
        Assert.DoesNotContain(Sandbox.Ledger.WebhookDeliveries, d => d.Type == "order.created");
    }

    [Fact]
    public async Task AirlineInitiatedChange_IsSignedNamesTheOrderAndTheAttempt_AndTheOrderShowsTheNewTimes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (order, attemptId) = await BookAsync();
        var sold = await Flights.GetOrderAsync(order.ProviderOrderId!, CancellationToken.None);
        Sandbox.Webhooks.Configure(receiver.Url, DuffelSecret, null);

        var change = Sandbox.Airline.ChangeSchedule(order.ProviderOrderId!, TimeSpan.FromMinutes(150));
        var webhook = await receiver.NextAsync(w => w.DuffelSignature is not null);
        var result = DuffelVerifier.Verify(webhook.DuffelSignature, webhook.Body);

        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(DuffelWebhookEventKind.AirlineInitiatedChangeDetected, result.Event!.Kind);
        Assert.Equal((order.ProviderOrderId, order.ProviderOrderId, attemptId), (result.Event.ObjectId, result.Event.OrderId, result.Event.AttemptId));
        using var body = JsonDocument.Parse(webhook.Body);
        Assert.Equal(change.Id, body.RootElement.GetProperty("idempotency_key").GetString());
        Assert.Equal(order.ProviderOrderId, body.RootElement.GetProperty("data").GetProperty("changes").GetProperty("order_id").GetString());
        // What the production client reads from the order now: the same flight, 2.5 hours later.
        var now = await Flights.GetOrderAsync(order.ProviderOrderId!, CancellationToken.None);
        var (before, after) = (Assert.Single(sold!.Segments), Assert.Single(now!.Segments));
        Assert.Equal(before with { DepartingAtLocal = before.DepartingAtLocal.AddMinutes(150), ArrivingAtLocal = before.ArrivingAtLocal.AddMinutes(150) }, after);
        Assert.Equal(change.After[0].DepartingAt, after.DepartingAtLocal);
    }

    [Fact]
    public async Task PaymentIntentEvents_AreSignedForStripeNet()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Sandbox.Webhooks.Configure(receiver.Url, null, StripeSecret);
        var attemptId = Guid.NewGuid();

        var auth = await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(120m, "GBP"), "cus_Test123", "pm_card_visa", Guid.NewGuid(), attemptId), "auth-w", CancellationToken.None);
        var authorized = await receiver.NextAsync(w => w.StripeSignature is not null && w.Body.Contains("amount_capturable_updated", StringComparison.Ordinal));
        await Payments.CaptureAsync(auth.PaymentIntentId!, "capture-w", CancellationToken.None);
        var captured = await receiver.NextAsync(w => w.StripeSignature is not null && w.Body.Contains("payment_intent.succeeded", StringComparison.Ordinal));

        var first = StripeVerifier.Verify(authorized.StripeSignature, authorized.Body);
        var second = StripeVerifier.Verify(captured.StripeSignature, captured.Body);
        Assert.True(first.IsVerified, first.Reason);
        Assert.True(second.IsVerified, second.Reason);
        Assert.Equal("payment_intent.amount_capturable_updated", first.Event!.Type);
        Assert.Equal("payment_intent.succeeded", second.Event!.Type);
        Assert.Equal((auth.PaymentIntentId, attemptId), (second.Event.ObjectId, second.Event.AttemptId));
        Assert.NotEqual(first.Event.Id, second.Event.Id);
    }

    [Fact]
    public async Task SetupIntentSucceeded_GoesToTheStripeReceiverPath()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Sandbox.Webhooks.Configure(new Uri(receiver.Url.AbsoluteUri + "/{provider}"), DuffelSecret, StripeSecret);
        var customerId = await Vault.CreateCustomerAsync("user-7", "customer/user-7", CancellationToken.None);
        var setup = await Vault.CreateSetupIntentAsync(customerId, "setup/user-7", CancellationToken.None);

        await new global::Stripe.SetupIntentService(Services.GetRequiredService<global::Stripe.IStripeClient>())
            .ConfirmAsync(setup.SetupIntentId, new global::Stripe.SetupIntentConfirmOptions { PaymentMethod = "pm_card_visa" });
        var webhook = await receiver.NextAsync(w => w.Body.Contains("setup_intent.succeeded", StringComparison.Ordinal));

        Assert.Equal("/webhooks/stripe", webhook.Path);
        var result = StripeVerifier.Verify(webhook.StripeSignature, webhook.Body);
        Assert.True(result.IsVerified, result.Reason);
        Assert.Equal(setup.SetupIntentId, result.Event!.ObjectId);
        var intent = Assert.IsType<global::Stripe.SetupIntent>(result.Event.Raw.Data.Object);
        Assert.Equal(customerId, intent.CustomerId);
        Assert.StartsWith("pm_", intent.PaymentMethodId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_RefusedByTheReceiver_IsRetriedUntilAccepted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = 2;
        Sandbox.Webhooks.RetryDelay = TimeSpan.FromMilliseconds(20);
        Sandbox.Webhooks.Configure(receiver.Url, DuffelSecret, null);

        await BookAsync();
        var webhook = await receiver.NextAsync(w => w.DuffelSignature is not null);

        Assert.True(DuffelVerifier.Verify(webhook.DuffelSignature, webhook.Body).IsVerified);
        Assert.Equal(3, receiver.Requests);
        await Eventually.TrueAsync(() => Sandbox.Ledger.WebhookDeliveries.Any(d => d.Delivered), "the sandbox to record the delivery");
        var attempts = Sandbox.Ledger.WebhookDeliveries.Where(d => d.Type == "order.created").ToList();
        Assert.Equal([1, 2, 3], attempts.Select(d => d.Attempt));
        Assert.Equal([false, false, true], attempts.Select(d => d.Delivered));
        Assert.Equal([500, 500, 204], attempts.Select(d => d.StatusCode ?? 0));
        Assert.Single(attempts.Select(d => d.EventId).Distinct());
    }
}
