using System.Net;
using AutoBooking.Sandbox.Tests.Support;
using Stripe;

namespace AutoBooking.Sandbox.Tests;

/// <summary>The traveler completing a card authentication on-session: in-process, over the admin API, and the webhook Stripe sends.</summary>
public sealed class StripeAuthenticationTests : SandboxTest
{
    private PaymentIntentService PaymentIntents => StripeClients.PaymentIntents(Sandbox);

    private async Task<string> AuthenticationRequiredIntentAsync()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() =>
            PaymentIntents.CreateAsync(StripeClients.Authorization(paymentMethod: "pm_card_authenticationRequired")));
        return error.StripeError.PaymentIntent.Id;
    }

    [Fact]
    public async Task CompleteAuthentication_AfterOffSessionAuthenticationRequired_HoldsTheMoneyAndSendsTheEvent()
    {
        Sandbox.Webhooks.Configure(new Uri(Sandbox.BaseUrl + "/hooks/{provider}"), null, "whsec_sandbox");
        var id = await AuthenticationRequiredIntentAsync();

        var authenticated = Sandbox.Cardholder.CompleteAuthentication(id);

        Assert.Equal(("requires_capture", 43210L, (string?)null), (authenticated.Status, authenticated.AmountCapturable, authenticated.LastErrorCode));
        var intent = await PaymentIntents.GetAsync(id);
        Assert.Equal("requires_capture", intent.Status);
        Assert.Equal("attempt-1", intent.Metadata["attempt_id"]);
        var captured = await PaymentIntents.CaptureAsync(id);
        Assert.Equal(43210, captured.AmountReceived);
        await WaitForAsync(() => Sandbox.Ledger.WebhookDeliveries.Any(d => d.Type == "payment_intent.amount_capturable_updated"));
        Assert.All(Sandbox.Ledger.WebhookDeliveries, d => Assert.Equal("stripe", d.Provider));
    }

    [Fact]
    public async Task CompleteAuthentication_OnSessionRequiresAction_RequiresCapture()
    {
        var options = StripeClients.Authorization(paymentMethod: "pm_card_authenticationRequired");
        options.OffSession = null;
        var intent = await PaymentIntents.CreateAsync(options);

        Assert.Equal("requires_capture", Sandbox.Cardholder.CompleteAuthentication(intent.Id).Status);
    }

    [Fact]
    public async Task CompleteAuthentication_NotWaitingOrUnknown_ChangesNothing()
    {
        var held = await PaymentIntents.CreateAsync(StripeClients.Authorization());
        var canceled = await PaymentIntents.CancelAsync((await AuthenticationRequiredIntentAsync()));

        Assert.Equal("requires_capture", Sandbox.Cardholder.CompleteAuthentication(held.Id).Status);
        Assert.Equal("canceled", Sandbox.Cardholder.CompleteAuthentication(canceled.Id).Status);
        Assert.Throws<KeyNotFoundException>(() => Sandbox.Cardholder.CompleteAuthentication("pi_unknown"));
    }

    [Fact]
    public async Task AdminAuthenticate_CompletesTheIntent_UnknownIs404()
    {
        var id = await AuthenticationRequiredIntentAsync();
        using var admin = CreateBareClient();

        using var authenticated = await admin.PostAsync($"_sandbox/payment_intents/{id}/authenticate", null);
        using var unknown = await admin.PostAsync("_sandbox/payment_intents/pi_unknown/authenticate", null);

        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        Assert.Equal("requires_capture", (await Json.ReadAsync(authenticated)).Str("status"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("requires_capture", (await PaymentIntents.GetAsync(id)).Status);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
