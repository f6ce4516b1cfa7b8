using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AutoBooking.Sandbox.Tests.Support;
using Stripe;

namespace AutoBooking.Sandbox.Tests;

/// <summary>
/// What Stripe.js does from the web app's pages, against the sandbox's Stripe API: confirm a SetupIntent or
/// PaymentIntent with the publishable key and the intent's client secret, 3-D Secure answered in the dialog, the
/// webhooks Stripe sends afterwards, and nothing else allowed with a publishable key (the script itself: StripeJsTests).
/// </summary>
public sealed class StripeBrowserTests : SandboxTest
{
    private BrowserStripe? browser;

    private BrowserStripe Browser => browser ??= Own(new BrowserStripe(Sandbox));

    private StripeClient Server => StripeClients.Client(Sandbox);

    [Fact]
    public async Task SetupIntent_ConfirmedWithPublishableKeyAndClientSecret_SavesTheCardAndSendsTheWebhook()
    {
        Sandbox.Webhooks.Configure(new Uri(Sandbox.BaseUrl + "/hooks/{provider}"), null, "whsec_sandbox");
        var (customer, intent) = await SetupIntentAsync();

        using var confirmed = await Browser.ConfirmSetupAsync(intent.Id, intent.ClientSecret, BrowserStripe.Card(BrowserStripe.SucceedingCard));
        using var retrieved = await Browser.RetrieveAsync("setup_intents", intent.Id, intent.ClientSecret);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(BrowserStripe.Origin, confirmed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var body = await Json.ReadAsync(confirmed);
        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal("succeeded", (await Json.ReadAsync(retrieved)).Str("status"));
        var card = await new PaymentMethodService(Server).GetAsync(body.Str("payment_method"));
        Assert.Equal((customer, "visa", "4242"), (card.CustomerId, card.Card.Brand, card.Card.Last4));
        await WaitForAsync(() => Sandbox.Ledger.WebhookDeliveries.Any(d => d.Type == "setup_intent.succeeded"));
    }

    [Fact]
    public async Task SetupIntent_WrongOrMissingClientSecret_RefusedAsStripeRefusesIt()
    {
        var (_, intent) = await SetupIntentAsync();
        var (_, other) = await SetupIntentAsync();

        using var wrong = await Browser.ConfirmSetupAsync(intent.Id, other.ClientSecret, BrowserStripe.Card(BrowserStripe.SucceedingCard));
        using var wrongRead = await Browser.RetrieveAsync("setup_intents", intent.Id, other.ClientSecret);
        using var missing = await Browser.RetrieveAsync("setup_intents", intent.Id, null);

        await AssertErrorAsync(wrong, HttpStatusCode.BadRequest, "setup_intent_invalid_parameter", "client_secret");
        await AssertErrorAsync(wrongRead, HttpStatusCode.BadRequest, "setup_intent_invalid_parameter", "client_secret");
        await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "parameter_missing", "client_secret");
        Assert.Equal("requires_payment_method", (await new SetupIntentService(Server).GetAsync(intent.Id)).Status);
    }

    [Fact]
    public async Task PublishableKey_ServerOnlyCalls_RefusedWithSecretKeyRequired()
    {
        var (_, setup) = await SetupIntentAsync();
        var held = await StripeClients.PaymentIntents(Sandbox).CreateAsync(StripeClients.Authorization());
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pk_test_sandbox");

        using var create = await http.PostAsync(Sandbox.StripeBaseUrl + "/v1/payment_intents",
            new FormUrlEncodedContent([new("amount", "100"), new("currency", "gbp")]));
        using var capture = await Browser.PostAsync($"{Sandbox.StripeBaseUrl}/v1/payment_intents/{held.Id}/capture", held.ClientSecret);
        using var cancel = await Browser.PostAsync($"{Sandbox.StripeBaseUrl}/v1/setup_intents/{setup.Id}/cancel", setup.ClientSecret);
        using var search = await http.GetAsync(Sandbox.StripeBaseUrl + "/v1/payment_intents/search?query=" + Uri.EscapeDataString("metadata['trip_id']:'trip-1'"));
        using var live = await Own(new BrowserStripe(Sandbox, "pk_live_sandbox")).ConfirmSetupAsync(setup.Id, setup.ClientSecret, BrowserStripe.Card(BrowserStripe.SucceedingCard));

        foreach (var response in new[] { create, capture, cancel, search })
        {
            await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "secret_key_required", null);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, live.StatusCode);
        Assert.Equal("requires_capture", (await StripeClients.PaymentIntents(Sandbox).GetAsync(held.Id)).Status);
    }

    [Theory]
    [InlineData(BrowserStripe.AuthenticationCard, "3155", "requires_capture")]
    [InlineData(BrowserStripe.AlwaysAuthenticateCard, "3184", "requires_payment_method")]
    public async Task SetupIntent_CardNeedingAuthentication_WaitsForTheCardholderThenSaves(string number, string last4, string offSessionChargeStatus)
    {
        Sandbox.Webhooks.Configure(new Uri(Sandbox.BaseUrl + "/hooks/{provider}"), null, "whsec_sandbox");
        var (customer, intent) = await SetupIntentAsync();

        using var confirmed = await Browser.ConfirmSetupAsync(intent.Id, intent.ClientSecret, BrowserStripe.Card(number));
        var waiting = await Json.ReadAsync(confirmed);
        using var authenticated = await Browser.AuthenticateAsync(waiting, "complete");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("requires_action", waiting.Str("status"));
        Assert.Equal("use_stripe_sdk", waiting.GetProperty("next_action").Str("type"));
        Assert.StartsWith(Sandbox.StripeBaseUrl + "/v1/sandbox_3ds/" + intent.Id, BrowserStripe.AuthenticationUrl(waiting), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        var saved = await Json.ReadAsync(authenticated);
        Assert.Equal("succeeded", saved.Str("status"));
        var card = await new PaymentMethodService(Server).GetAsync(saved.Str("payment_method"));
        Assert.Equal((customer, last4), (card.CustomerId, card.Card.Last4));
        await WaitForAsync(() => Sandbox.Ledger.WebhookDeliveries.Any(d => d.Type == "setup_intent.succeeded"));
        Assert.Contains(Sandbox.Ledger.WebhookDeliveries, d => d.Type == "setup_intent.requires_action");
        // As Stripe documents these cards: 3155 set up is charged off-session without the cardholder, 3184 never is.
        var charge = StripeClients.Authorization(paymentMethod: card.Id);
        charge.Customer = customer;
        var status = await OffSessionStatusAsync(charge);
        Assert.Equal(offSessionChargeStatus, status);
    }

    [Fact]
    public async Task SetupIntent_AuthenticationFailed_NeedsAPaymentMethodAgainAndSendsSetupFailed()
    {
        Sandbox.Webhooks.Configure(new Uri(Sandbox.BaseUrl + "/hooks/{provider}"), null, "whsec_sandbox");
        var (_, intent) = await SetupIntentAsync();
        using var confirmed = await Browser.ConfirmSetupAsync(intent.Id, intent.ClientSecret, BrowserStripe.Card(BrowserStripe.AuthenticationCard));

        using var failed = await Browser.AuthenticateAsync(await Json.ReadAsync(confirmed), "fail");

        var body = await Json.ReadAsync(failed);
        Assert.Equal("requires_payment_method", body.Str("status"));
        Assert.Equal("setup_intent_authentication_failure", body.GetProperty("last_setup_error").Str("code"));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("payment_method").ValueKind);
        await WaitForAsync(() => Sandbox.Ledger.WebhookDeliveries.Any(d => d.Type == "setup_intent.setup_failed"));
        using var retried = await Browser.ConfirmSetupAsync(intent.Id, intent.ClientSecret, BrowserStripe.Card(BrowserStripe.SucceedingCard));
        Assert.Equal("succeeded", (await Json.ReadAsync(retried)).Str("status"));
    }

    [Theory]
    [InlineData(BrowserStripe.DeclinedCard, "card_declined", "generic_decline")]
    [InlineData("4111 1111 1111 1111", "card_declined", "test_mode_live_card")]
    [InlineData("4242 4242 4242 4241", "incorrect_number", null)]
    public async Task SetupIntent_CardRefused_402CardErrorAndNothingSaved(string number, string code, string? declineCode)
    {
        var (customer, intent) = await SetupIntentAsync();

        using var response = await Browser.ConfirmSetupAsync(intent.Id, intent.ClientSecret, BrowserStripe.Card(number));

        var error = await AssertErrorAsync(response, HttpStatusCode.PaymentRequired, code, null);
        Assert.Equal("card_error", error.Str("type"));
        Assert.Equal(declineCode, error.GetProperty("decline_code").GetString());
        Assert.Equal(intent.Id, error.GetProperty("setup_intent").Str("id"));
        Assert.Equal("requires_payment_method", (await new SetupIntentService(Server).GetAsync(intent.Id)).Status);
        Assert.Empty(await new PaymentMethodService(Server).ListAsync(new PaymentMethodListOptions { Customer = customer }));
    }

    [Fact]
    public async Task PaymentIntent_RequiresAction_ConfirmedInTheBrowser_HoldsTheMoneyOnceAuthenticatedAndSendsTheWebhook()
    {
        Sandbox.Webhooks.Configure(new Uri(Sandbox.BaseUrl + "/hooks/{provider}"), null, "whsec_sandbox");
        var options = StripeClients.Authorization(paymentMethod: "pm_card_authenticationRequired");
        options.OffSession = null;
        var intent = await StripeClients.PaymentIntents(Sandbox).CreateAsync(options);

        using var confirmed = await Browser.ConfirmPaymentAsync(intent.Id, intent.ClientSecret);
        var waiting = await Json.ReadAsync(confirmed);
        using var authenticated = await Browser.AuthenticateAsync(waiting, "complete");

        Assert.Equal("requires_action", intent.Status);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("requires_action", waiting.Str("status"));
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        var held = await Json.ReadAsync(authenticated);
        Assert.Equal(("requires_capture", 43210), (held.Str("status"), held.GetProperty("amount_capturable").GetInt32()));
        await WaitForAsync(() => Sandbox.Ledger.WebhookDeliveries.Any(d => d.Type == "payment_intent.amount_capturable_updated"));
        Assert.Equal(43210, (await StripeClients.PaymentIntents(Sandbox).CaptureAsync(intent.Id)).AmountReceived);
    }

    [Fact]
    public async Task PaymentIntent_OffSessionAuthenticationRequired_ConfirmedInTheBrowserThenFailed_PaymentFailed()
    {
        Sandbox.Webhooks.Configure(new Uri(Sandbox.BaseUrl + "/hooks/{provider}"), null, "whsec_sandbox");
        var declined = await Assert.ThrowsAsync<StripeException>(() =>
            StripeClients.PaymentIntents(Sandbox).CreateAsync(StripeClients.Authorization(paymentMethod: "pm_card_authenticationRequired")));
        var intent = declined.StripeError.PaymentIntent;

        using var confirmed = await Browser.ConfirmPaymentAsync(intent.Id, intent.ClientSecret);
        var waiting = await Json.ReadAsync(confirmed);
        using var failed = await Browser.AuthenticateAsync(waiting, "fail");

        Assert.Equal("requires_action", waiting.Str("status"));
        var body = await Json.ReadAsync(failed);
        Assert.Equal("requires_payment_method", body.Str("status"));
        Assert.Equal("payment_intent_authentication_failure", body.GetProperty("last_payment_error").Str("code"));
        await WaitForAsync(() => Sandbox.Ledger.WebhookDeliveries.Count(d => d.Type == "payment_intent.payment_failed") >= 2);
        Assert.Equal("requires_payment_method", (await StripeClients.PaymentIntents(Sandbox).GetAsync(intent.Id)).Status);
    }

    [Fact]
    public async Task PaymentIntent_WrongClientSecretOrNotConfirmable_Refused()
    {
        var held = await StripeClients.PaymentIntents(Sandbox).CreateAsync(StripeClients.Authorization());
        var options = StripeClients.Authorization(paymentMethod: "pm_card_authenticationRequired");
        options.OffSession = null;
        var waiting = await StripeClients.PaymentIntents(Sandbox).CreateAsync(options);

        using var wrong = await Browser.ConfirmPaymentAsync(waiting.Id, held.ClientSecret);
        using var wrongAnswer = await Browser.PostAsync($"{Sandbox.StripeBaseUrl}/v1/sandbox_3ds/{waiting.Id}", held.ClientSecret, ("outcome", "complete"));
        using var notConfirmable = await Browser.ConfirmPaymentAsync(held.Id, held.ClientSecret);

        await AssertErrorAsync(wrong, HttpStatusCode.BadRequest, "payment_intent_invalid_parameter", "client_secret");
        await AssertErrorAsync(wrongAnswer, HttpStatusCode.BadRequest, "payment_intent_invalid_parameter", "client_secret");
        await AssertErrorAsync(notConfirmable, HttpStatusCode.BadRequest, "payment_intent_unexpected_state", null);
        Assert.Equal("requires_action", (await StripeClients.PaymentIntents(Sandbox).GetAsync(waiting.Id)).Status);
    }

    [Fact]
    public async Task Cors_PreflightFromLoopbackOrigin_AnsweredBeforeTheKeyCheck()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, Sandbox.StripeBaseUrl + "/v1/setup_intents/seti_123/confirm");
        request.Headers.Add("Origin", "http://127.0.0.1:5173");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://127.0.0.1:5173", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private async Task<(string Customer, SetupIntent Intent)> SetupIntentAsync()
    {
        var customer = await new CustomerService(Server).CreateAsync(new CustomerCreateOptions());
        return (customer.Id, await new SetupIntentService(Server).CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id }));
    }

    private async Task<string> OffSessionStatusAsync(PaymentIntentCreateOptions options)
    {
        try
        {
            return (await StripeClients.PaymentIntents(Sandbox).CreateAsync(options)).Status;
        }
        catch (StripeException declined)
        {
            Assert.Equal("authentication_required", declined.StripeError.Code);
            return declined.StripeError.PaymentIntent.Status;
        }
    }

    private static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? param)
    {
        Assert.Equal(status, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal(code, error.Str("code"));
        Assert.Equal(param, error.GetProperty("param").GetString());
        return error;
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
