using System.Net;
using System.Net.Http.Headers;
using AutoBooking.Sandbox.Tests.Support;
using Stripe;

namespace AutoBooking.Sandbox.Tests;

/// <summary>Through Stripe.net itself: if it parses these answers, the production gateway will too.</summary>
public sealed class StripeTests : SandboxTest
{
    private PaymentIntentService PaymentIntents => StripeClients.PaymentIntents(Sandbox);

    [Fact]
    public async Task Create_ManualCaptureConfirmed_RequiresCapture()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization(), StripeClients.Key("auth-1"));

        Assert.StartsWith("pi_", intent.Id, StringComparison.Ordinal);
        Assert.Equal("requires_capture", intent.Status);
        Assert.Equal(43210, intent.Amount);
        Assert.Equal(43210, intent.AmountCapturable);
        Assert.Equal(0, intent.AmountReceived);
        Assert.Equal("gbp", intent.Currency);
        Assert.Equal("cus_Test123", intent.CustomerId);
        Assert.Equal("pm_card_visa", intent.PaymentMethodId);
        Assert.Equal("trip-1", intent.Metadata["trip_id"]);
        Assert.StartsWith(intent.Id + "_secret_", intent.ClientSecret, StringComparison.Ordinal);
        Assert.False(intent.Livemode);
        Assert.StartsWith("req_", intent.StripeResponse.RequestId, StringComparison.Ordinal);
        Assert.Equal("auth-1", intent.StripeResponse.IdempotencyKey);

        var recorded = Assert.Single(Sandbox.Ledger.PaymentIntents);
        Assert.Equal((intent.Id, 43210L, "gbp", "requires_capture", 0), (recorded.Id, recorded.Amount, recorded.Currency, recorded.Status, recorded.CaptureCount));
        Assert.Equal("attempt-1", recorded.Metadata["attempt_id"]);
    }

    [Fact]
    public async Task Create_AutomaticCapture_Succeeds()
    {
        var options = StripeClients.Authorization();
        options.CaptureMethod = null;

        var intent = await PaymentIntents.CreateAsync(options);

        Assert.Equal("succeeded", intent.Status);
        Assert.Equal(43210, intent.AmountReceived);
    }

    [Fact]
    public async Task Capture_RequiresCapture_SucceedsOnce()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization());

        var captured = await PaymentIntents.CaptureAsync(intent.Id, new PaymentIntentCaptureOptions(), StripeClients.Key("capture-1"));
        var again = await PaymentIntents.CaptureAsync(intent.Id, new PaymentIntentCaptureOptions(), StripeClients.Key("capture-1"));

        Assert.Equal("succeeded", captured.Status);
        Assert.Equal(43210, captured.AmountReceived);
        Assert.Equal(0, captured.AmountCapturable);
        Assert.Equal("succeeded", again.Status);
        var recorded = Assert.Single(Sandbox.Ledger.PaymentIntents);
        Assert.Equal(("succeeded", 1, 43210L), (recorded.Status, recorded.CaptureCount, recorded.AmountReceived));
    }

    [Fact]
    public async Task Capture_PartialAmount_ReceivesThatAmount()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization());

        var captured = await PaymentIntents.CaptureAsync(intent.Id, new PaymentIntentCaptureOptions { AmountToCapture = 40000 });

        Assert.Equal(40000, captured.AmountReceived);
    }

    [Fact]
    public async Task Capture_AlreadyCaptured_UnexpectedState()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization());
        await PaymentIntents.CaptureAsync(intent.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CaptureAsync(intent.Id));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("invalid_request_error", error.StripeError.Type);
        Assert.Equal("payment_intent_unexpected_state", error.StripeError.Code);
        Assert.Equal("succeeded", error.StripeError.PaymentIntent.Status);
        Assert.Equal(1, Assert.Single(Sandbox.Ledger.PaymentIntents).CaptureCount);
    }

    [Fact]
    public async Task Cancel_RequiresCapture_CanceledWithReason()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization());

        var canceled = await PaymentIntents.CancelAsync(intent.Id, new PaymentIntentCancelOptions { CancellationReason = "abandoned" });

        Assert.Equal("canceled", canceled.Status);
        Assert.Equal("abandoned", canceled.CancellationReason);
        Assert.NotNull(canceled.CanceledAt);
        var recorded = Assert.Single(Sandbox.Ledger.PaymentIntents);
        Assert.Equal(("canceled", 0, "abandoned"), (recorded.Status, recorded.CaptureCount, recorded.CancellationReason));
    }

    [Fact]
    public async Task Cancel_Succeeded_UnexpectedState()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization());
        await PaymentIntents.CaptureAsync(intent.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CancelAsync(intent.Id));

        Assert.Equal("payment_intent_unexpected_state", error.StripeError.Code);
        Assert.Equal("succeeded", Assert.Single(Sandbox.Ledger.PaymentIntents).Status);
    }

    [Fact]
    public async Task Capture_Canceled_UnexpectedState()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization());
        await PaymentIntents.CancelAsync(intent.Id);

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CaptureAsync(intent.Id));

        Assert.Equal("payment_intent_unexpected_state", error.StripeError.Code);
    }

    [Fact]
    public async Task Create_SameKeySameParams_ReplaysTheFirstAnswer()
    {
        var first = await PaymentIntents.CreateAsync(StripeClients.Authorization(), StripeClients.Key("auth-replay"));
        var second = await PaymentIntents.CreateAsync(StripeClients.Authorization(), StripeClients.Key("auth-replay"));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.ClientSecret, second.ClientSecret);
        Assert.Equal("true", Assert.Single(second.StripeResponse.Headers.GetValues("Idempotent-Replayed")));
        Assert.Single(Sandbox.Ledger.PaymentIntents);
    }

    [Fact]
    public async Task Create_SameKeyDifferentParams_IdempotencyError()
    {
        await PaymentIntents.CreateAsync(StripeClients.Authorization(amount: 43210), StripeClients.Key("auth-mismatch"));

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            PaymentIntents.CreateAsync(StripeClients.Authorization(amount: 50000), StripeClients.Key("auth-mismatch")));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("idempotency_error", error.StripeError.Type);
        Assert.Single(Sandbox.Ledger.PaymentIntents);
    }

    [Fact]
    public async Task Capture_KeyFirstUsedOnAnotherEndpoint_IdempotencyError()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization(), StripeClients.Key("shared-key"));

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            PaymentIntents.CaptureAsync(intent.Id, new PaymentIntentCaptureOptions(), StripeClients.Key("shared-key")));

        Assert.Equal("idempotency_error", error.StripeError.Type);
        Assert.Equal(0, Assert.Single(Sandbox.Ledger.PaymentIntents).CaptureCount);
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "card_declined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds")]
    [InlineData("pm_card_chargeDeclinedExpiredCard", "expired_card", "expired_card")]
    public async Task Create_DecliningCard_CardErrorWithCodes(string paymentMethod, string code, string declineCode)
    {
        var error = await Assert.ThrowsAsync<StripeException>(() =>
            PaymentIntents.CreateAsync(StripeClients.Authorization(paymentMethod: paymentMethod), StripeClients.Key("declined")));

        Assert.Equal(HttpStatusCode.PaymentRequired, error.HttpStatusCode);
        Assert.Equal("card_error", error.StripeError.Type);
        Assert.Equal(code, error.StripeError.Code);
        Assert.Equal(declineCode, error.StripeError.DeclineCode);
        Assert.Equal("requires_payment_method", error.StripeError.PaymentIntent.Status);
        var recorded = Assert.Single(Sandbox.Ledger.PaymentIntents);
        Assert.Equal((error.StripeError.PaymentIntent.Id, "requires_payment_method", code), (recorded.Id, recorded.Status, recorded.LastErrorCode));
    }

    [Fact]
    public async Task Create_DeclineReplayedWithSameKey_SameErrorNoSecondIntent()
    {
        var options = StripeClients.Authorization(paymentMethod: "pm_card_chargeDeclined");
        var first = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(options, StripeClients.Key("decline-replay")));
        var second = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(options, StripeClients.Key("decline-replay")));

        Assert.Equal(first.StripeError.PaymentIntent.Id, second.StripeError.PaymentIntent.Id);
        Assert.Single(Sandbox.Ledger.PaymentIntents);
    }

    [Fact]
    public async Task Create_CardNeedingAuthenticationOffSession_AuthenticationRequired()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() =>
            PaymentIntents.CreateAsync(StripeClients.Authorization(paymentMethod: "pm_card_authenticationRequired")));

        Assert.Equal("card_error", error.StripeError.Type);
        Assert.Equal("authentication_required", error.StripeError.Code);
        Assert.StartsWith("pi_", error.StripeError.PaymentIntent.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_CardNeedingAuthenticationOnSession_RequiresAction()
    {
        var options = StripeClients.Authorization(paymentMethod: "pm_card_authenticationRequired");
        options.OffSession = null;

        var intent = await PaymentIntents.CreateAsync(options);

        Assert.Equal("requires_action", intent.Status);
        Assert.Equal("use_stripe_sdk", intent.NextAction.Type);
    }

    [Fact]
    public async Task Create_MissingAmount_ParameterMissing()
    {
        var options = StripeClients.Authorization();
        options.Amount = null;

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(options));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal(("invalid_request_error", "parameter_missing", "amount"), (error.StripeError.Type, error.StripeError.Code, error.StripeError.Param));
        Assert.Empty(Sandbox.Ledger.PaymentIntents);
    }

    [Fact]
    public async Task Create_MissingCurrency_ParameterMissing()
    {
        var options = StripeClients.Authorization();
        options.Currency = null;

        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.CreateAsync(options));

        Assert.Equal(("parameter_missing", "currency"), (error.StripeError.Code, error.StripeError.Param));
    }

    [Fact]
    public async Task Get_Known_ReturnsCurrentState()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization());
        await PaymentIntents.CancelAsync(intent.Id);

        var fetched = await PaymentIntents.GetAsync(intent.Id);

        Assert.Equal("canceled", fetched.Status);
    }

    [Fact]
    public async Task Get_Unknown_ResourceMissing404()
    {
        var error = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.GetAsync("pi_unknown"));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
        Assert.Equal("resource_missing", error.StripeError.Code);
    }

    [Fact]
    public async Task Customer_CreateAndGet()
    {
        var customers = StripeClients.Customers(Sandbox);

        var created = await customers.CreateAsync(new CustomerCreateOptions
        {
            Email = "ada@example.com",
            Metadata = new Dictionary<string, string> { ["user_id"] = "user-ada" },
        });
        var fetched = await customers.GetAsync(created.Id);

        Assert.StartsWith("cus_", created.Id, StringComparison.Ordinal);
        Assert.Equal("ada@example.com", fetched.Email);
        Assert.Equal("user-ada", fetched.Metadata["user_id"]);
    }

    [Fact]
    public async Task AnyCall_WithoutApiKey_401WithStripeErrorAndRequestId()
    {
        using var bare = CreateBareClient();

        using var response = await bare.PostAsync("stripe/v1/payment_intents", new FormUrlEncodedContent([new("amount", "100")]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("req_", Assert.Single(response.Headers.GetValues("Request-Id")), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", (await Json.ReadAsync(response)).GetProperty("error").Str("type"));
    }

    [Fact]
    public async Task AnyCall_WithLiveKey_Refused()
    {
        using var bare = CreateBareClient();
        bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_live_123456789012");

        using var response = await bare.GetAsync("stripe/v1/payment_intents/pi_x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Create_ProcessingTestMethod_LeavesTheIntentProcessing_WhichCanBeCancelled()
    {
        var intent = await PaymentIntents.CreateAsync(StripeClients.Authorization(paymentMethod: "pm_card_processing"), StripeClients.Key("auth-processing"));

        Assert.Equal(("processing", 0L), (intent.Status, intent.AmountCapturable));
        var cancelled = await PaymentIntents.CancelAsync(intent.Id, new PaymentIntentCancelOptions(), StripeClients.Key("cancel-processing"));
        Assert.Equal("canceled", cancelled.Status);
    }

    [Fact]
    public async Task Search_ByMetadata_FindsTheMatchingIntents_OtherQueriesRefused()
    {
        var mine = await PaymentIntents.CreateAsync(StripeClients.Authorization(), StripeClients.Key("auth-search-1"));
        var other = StripeClients.Authorization();
        other.Metadata["attempt_id"] = "attempt-2";
        await PaymentIntents.CreateAsync(other, StripeClients.Key("auth-search-2"));

        var found = await PaymentIntents.SearchAsync(new PaymentIntentSearchOptions { Query = "metadata['attempt_id']:'attempt-1'" });
        var none = await PaymentIntents.SearchAsync(new PaymentIntentSearchOptions { Query = "metadata['attempt_id']:'attempt-3'" });

        Assert.Equal([mine.Id], found.Data.Select(i => i.Id));
        Assert.Empty(none.Data);
        var refused = await Assert.ThrowsAsync<StripeException>(() => PaymentIntents.SearchAsync(new PaymentIntentSearchOptions { Query = "status:'succeeded'" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.HttpStatusCode);
    }
}
