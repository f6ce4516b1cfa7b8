using System.Net;
using System.Text.Json;
using AutoBooking.Sandbox.Tests.Support;
using Stripe;

namespace AutoBooking.Sandbox.Tests;

/// <summary>
/// The Stripe.js stand-in: served as JavaScript, valid for Node's parser, and driven through its public API in Node
/// with a minimal fake DOM (StripeJs/fake-browser.js) against this sandbox: card element labels, confirmCardSetup and
/// confirmCardPayment with the test cards, the 3-D Secure dialog's markup, focus and both answers. No real browser
/// renders it here; the web app's Playwright tests do.
/// </summary>
public sealed class StripeJsTests : SandboxTest
{
    private static readonly string FakeBrowser = Path.Combine(AppContext.BaseDirectory, "StripeJs", "fake-browser.js");

    private StripeClient Server => StripeClients.Client(Sandbox);

    [Fact]
    public async Task Script_IsServedAsJavaScriptToAnyOrigin()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(Sandbox.StripeJsUrl);

        Assert.Equal(Sandbox.BaseUrl + "/stripe-js/v3", Sandbox.StripeJsUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("window.Stripe = Stripe;", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_PassesNodeSyntaxCheck()
    {
        using var http = new HttpClient();
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-stripe-v3-{Guid.NewGuid():N}.js");
        await System.IO.File.WriteAllTextAsync(path, await http.GetStringAsync(Sandbox.StripeJsUrl));
        try
        {
            var (exitCode, _, errors) = await Node.RunAsync("--check", path);

            Assert.True(exitCode == 0, "node --check refused the Stripe.js stand-in: " + errors);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public async Task ConfirmCardSetup_SucceedingCard_SavesWithoutADialog()
    {
        var intent = await SetupIntentAsync();

        var page = await RunAsync("setup", intent.ClientSecret, BrowserStripe.SucceedingCard, "complete");

        Assert.Equal(["Card number", "Expiry date", "CVC"], page.GetProperty("labels").EnumerateArray().Select(l => l.Str("text")));
        Assert.All(page.GetProperty("labels").EnumerateArray(), l => Assert.True(l.GetProperty("matchesInput").GetBoolean()));
        Assert.True(page.GetProperty("lastChange").GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("dialog").ValueKind);
        Assert.Equal((intent.Id, "succeeded"), (page.GetProperty("setupIntent").Str("id"), page.GetProperty("setupIntent").Str("status")));
        Assert.Equal("succeeded", (await new SetupIntentService(Server).GetAsync(intent.Id)).Status);
    }

    [Theory]
    [InlineData("complete", "succeeded", null)]
    [InlineData("fail", null, "setup_intent_authentication_failure")]
    public async Task ConfirmCardSetup_AuthenticationCard_ShowsTheAccessibleDialogAndActsOnTheAnswer(string answer, string? status, string? errorCode)
    {
        var intent = await SetupIntentAsync();

        var page = await RunAsync("setup", intent.ClientSecret, BrowserStripe.AuthenticationCard, answer);

        var dialog = page.GetProperty("dialog");
        Assert.Equal(("dialog", "true", "3D Secure authentication"), (dialog.Str("role"), dialog.Str("ariaModal"), dialog.Str("name")));
        Assert.Equal(["Complete authentication", "Fail authentication"], dialog.GetProperty("buttons").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal("Complete authentication", dialog.Str("focused"));
        Assert.True(dialog.GetProperty("open").GetBoolean());
        Assert.True(dialog.GetProperty("removedAfterAnswer").GetBoolean());
        Assert.True(page.GetProperty("focusRestored").GetBoolean());
        Assert.Equal(status, page.GetProperty("setupIntent").ValueKind == JsonValueKind.Null ? null : page.GetProperty("setupIntent").Str("status"));
        Assert.Equal(errorCode, page.GetProperty("error").ValueKind == JsonValueKind.Null ? null : page.GetProperty("error").Str("code"));
    }

    [Theory]
    [InlineData(BrowserStripe.DeclinedCard, "card_error", "card_declined")]
    [InlineData("4242 4242 4242 4241", "validation_error", "invalid_number")]
    [InlineData("-", "validation_error", "incomplete_number")]
    public async Task ConfirmCardSetup_RefusedOrIncompleteCard_AnswersTheError(string number, string type, string code)
    {
        var intent = await SetupIntentAsync();

        var page = await RunAsync("setup", intent.ClientSecret, number, "complete");

        Assert.Equal(JsonValueKind.Null, page.GetProperty("setupIntent").ValueKind);
        Assert.Equal((type, code), (page.GetProperty("error").Str("type"), page.GetProperty("error").Str("code")));
        Assert.False(string.IsNullOrEmpty(page.GetProperty("error").Str("message")));
        Assert.Equal("requires_payment_method", (await new SetupIntentService(Server).GetAsync(intent.Id)).Status);
    }

    [Theory]
    [InlineData("complete", "requires_capture", null)]
    [InlineData("fail", null, "payment_intent_authentication_failure")]
    public async Task ConfirmCardPayment_AfterOffSessionAuthenticationRequired_TheDialogDecides(string answer, string? status, string? errorCode)
    {
        var declined = await Assert.ThrowsAsync<StripeException>(() =>
            StripeClients.PaymentIntents(Sandbox).CreateAsync(StripeClients.Authorization(paymentMethod: "pm_card_authenticationRequired")));
        var intent = declined.StripeError.PaymentIntent;

        var page = await RunAsync("payment", intent.ClientSecret, "-", answer);

        Assert.Equal("3D Secure authentication", page.GetProperty("dialog").Str("name"));
        Assert.Equal(status, page.GetProperty("paymentIntent").ValueKind == JsonValueKind.Null ? null : page.GetProperty("paymentIntent").Str("status"));
        Assert.Equal(errorCode, page.GetProperty("error").ValueKind == JsonValueKind.Null ? null : page.GetProperty("error").Str("code"));
        Assert.Equal(status ?? "requires_payment_method", (await StripeClients.PaymentIntents(Sandbox).GetAsync(intent.Id)).Status);
    }

    [Fact]
    public async Task ConfirmCardPayment_HeldAlready_AnswersStripesUnexpectedStateError()
    {
        var held = await StripeClients.PaymentIntents(Sandbox).CreateAsync(StripeClients.Authorization());

        var page = await RunAsync("payment", held.ClientSecret, "-", "complete");

        Assert.Equal("payment_intent_unexpected_state", page.GetProperty("error").Str("code"));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("dialog").ValueKind);
    }

    private async Task<SetupIntent> SetupIntentAsync()
    {
        var customer = await new CustomerService(Server).CreateAsync(new CustomerCreateOptions());
        return await new SetupIntentService(Server).CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id });
    }

    private async Task<JsonElement> RunAsync(string kind, string clientSecret, string cardNumber, string answer)
    {
        var (exitCode, output, errors) = await Node.RunAsync(FakeBrowser, Sandbox.StripeJsUrl, kind, clientSecret, cardNumber, answer);
        Assert.True(exitCode == 0, "fake-browser.js failed: " + errors);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
