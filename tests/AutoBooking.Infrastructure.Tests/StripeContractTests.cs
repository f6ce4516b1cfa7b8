using Stripe;
using System.Net;
using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Tests.Support;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>The production Stripe gateway and vault (through Stripe.net) against responses in Stripe's documented shapes.</summary>
public sealed class StripeContractTests : ContractTest
{
    private static readonly Guid TripId = Guid.Parse("2b7c1e3d-6a51-4f8e-9d0a-0c1d2e3f4a5b");
    private static readonly Guid AttemptId = Guid.Parse("6f1c1c52-3f7e-4b4d-9d55-3c2f8e1a9b10");

    private static void AssertStripeHeaders(RecordedRequest request, string? idempotencyKey)
    {
        Assert.Equal("Bearer " + ContractServices.StripeKey, request.Header("Authorization"));
        Assert.False(string.IsNullOrEmpty(request.Header("Stripe-Version")));
        if (idempotencyKey is not null)
        {
            Assert.Equal(idempotencyKey, request.Header("Idempotency-Key"));
        }
    }

    [Fact]
    public async Task Authorize_CreatesAManualCaptureIntentConfirmedOffSession()
    {
        Stripe.Expect(HttpMethod.Post, "/v1/payment_intents", HttpStatusCode.OK, "stripe/payment_intent_requires_capture.json");

        var result = await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(432.10m, "GBP"), "cus_NffrFeUfNV2Hib", "pm_1MtwBwLkdIwHu7ixIBv4sXtZ", TripId, AttemptId),
            $"attempt-{AttemptId}/authorize", CancellationToken.None);

        var request = Assert.Single(Stripe.Requests);
        AssertStripeHeaders(request, $"attempt-{AttemptId}/authorize");
        Assert.Equal("application/x-www-form-urlencoded", request.ContentHeaders?.ContentType?.MediaType);
        var form = request.Form();
        Assert.Equal("43210", form["amount"]);
        Assert.Equal("gbp", form["currency"]);
        Assert.Equal("cus_NffrFeUfNV2Hib", form["customer"]);
        Assert.Equal("pm_1MtwBwLkdIwHu7ixIBv4sXtZ", form["payment_method"]);
        Assert.Equal(("manual", "true", "true"), (form["capture_method"], form["confirm"], form["off_session"]));
        Assert.Equal(AttemptId.ToString(), form["metadata[attempt_id]"]);
        Assert.Equal(TripId.ToString(), form["metadata[trip_id]"]);
        Assert.Equal((AuthorizationStatus.Authorized, "pi_3MtwBwLkdIwHu7ix28a3tqPa"), (result.Status, result.PaymentIntentId));
    }

    [Fact]
    public async Task Authorize_CardDeclined_IsDeclinedWithTheDeclineCode()
    {
        Stripe.Expect(HttpMethod.Post, "/v1/payment_intents", HttpStatusCode.PaymentRequired, "stripe/error_card_declined.json");

        var result = await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(432.10m, "GBP"), "cus_NffrFeUfNV2Hib", "pm_1MtwBwLkdIwHu7ixIBv4sXtZ", TripId, AttemptId),
            "k", CancellationToken.None);

        Assert.Equal((AuthorizationStatus.Declined, "insufficient_funds", "pi_3MtwBwLkdIwHu7ix28a3tqPa"), (result.Status, result.DeclineCode, result.PaymentIntentId));
        Assert.Single(Stripe.Requests);
    }

    [Fact]
    public async Task Refund_PostsTheIntentWithTheKey()
    {
        Stripe.Expect(HttpMethod.Post, "/v1/refunds", HttpStatusCode.OK, "stripe/refund.json");

        var result = await Payments.RefundAsync("pi_3MtwBwLkdIwHu7ix28a3tqPa", null, $"attempt-{AttemptId}/refund", CancellationToken.None);

        var request = Assert.Single(Stripe.Requests);
        AssertStripeHeaders(request, $"attempt-{AttemptId}/refund");
        var form = request.Form();
        Assert.Equal("pi_3MtwBwLkdIwHu7ix28a3tqPa", form["payment_intent"]);
        Assert.False(form.ContainsKey("amount"));
        Assert.Equal(("re_3MtwBwLkdIwHu7ix0Ka2Hm8c", "succeeded", new Money(432.10m, "GBP")), (result.RefundId, result.Status, result.Amount));
    }

    [Fact]
    public async Task Vault_CustomerSetupIntentCardAndDetach_SpeakStripe()
    {
        Stripe.Expect(HttpMethod.Post, "/v1/customers", HttpStatusCode.OK, "stripe/customer.json")
            .Expect(HttpMethod.Post, "/v1/setup_intents", HttpStatusCode.OK, "stripe/setup_intent.json")
            .Expect(HttpMethod.Get, "/v1/payment_methods/pm_1MtwBwLkdIwHu7ixIBv4sXtZ", HttpStatusCode.OK, "stripe/payment_method.json")
            .Expect(HttpMethod.Post, "/v1/payment_methods/pm_1MtwBwLkdIwHu7ixIBv4sXtZ/detach", HttpStatusCode.OK, "stripe/payment_method_detached.json");

        var customerId = await Vault.CreateCustomerAsync("user-42", "customer/user-42", CancellationToken.None);
        var setup = await Vault.CreateSetupIntentAsync(customerId, "setup/user-42/1", CancellationToken.None);
        var card = await Vault.GetCardAsync("pm_1MtwBwLkdIwHu7ixIBv4sXtZ", CancellationToken.None);
        await Vault.DetachAsync("pm_1MtwBwLkdIwHu7ixIBv4sXtZ", "detach/pm_1", CancellationToken.None);

        AssertStripeHeaders(Stripe.Requests[0], "customer/user-42");
        Assert.Equal(new Dictionary<string, string> { ["metadata[user_id]"] = "user-42" }, Stripe.Requests[0].Form());
        AssertStripeHeaders(Stripe.Requests[1], "setup/user-42/1");
        var setupForm = Stripe.Requests[1].Form();
        Assert.Equal(("cus_NffrFeUfNV2Hib", "off_session"), (setupForm["customer"], setupForm["usage"]));
        AssertStripeHeaders(Stripe.Requests[3], "detach/pm_1");

        Assert.Equal("cus_NffrFeUfNV2Hib", customerId);
        Assert.Equal(new SetupIntentResult("seti_1Mm8s8LkdIwHu7ix0OXBfTRG", "seti_1Mm8s8LkdIwHu7ix0OXBfTRG_secret_NXDICkPqPeiBTAFqWmkbff09lRmSVXe"), setup);
        Assert.Equal(new CardDetails("pm_1MtwBwLkdIwHu7ixIBv4sXtZ", "cus_NffrFeUfNV2Hib", "visa", "4242", 8, 2027), card);
    }

    [Fact]
    public async Task Capture_ServerError_IsNotRetriedBelowTheSaga_AndIsTransient()
    {
        // One retry layer: Stripe.net's own retries are off by default; the saga's retry policy repeats the step
        // with the same idempotency key when the failure is transient.
        Stripe.Expect(HttpMethod.Post, "/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/capture", HttpStatusCode.InternalServerError, "stripe/error_api.json");

        var failure = await Assert.ThrowsAsync<StripeException>(
            () => Payments.CaptureAsync("pi_3MtwBwLkdIwHu7ix28a3tqPa", $"attempt-{AttemptId}/capture", CancellationToken.None));

        var request = Assert.Single(Stripe.Requests);
        AssertStripeHeaders(request, $"attempt-{AttemptId}/capture");
        Assert.Equal(Resilience.FailureClass.Transient, Resilience.FailureClassifier.Classify(failure));
    }

    [Fact]
    public async Task GetCard_ResourceMissing_IsNull()
    {
        Stripe.Expect(HttpMethod.Get, "/v1/payment_methods/pm_missing", HttpStatusCode.NotFound, "stripe/error_resource_missing.json");

        Assert.Null(await Vault.GetCardAsync("pm_missing", CancellationToken.None));
    }
}
