using AutoBooking.Core.Money;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>The production Stripe gateway and vault (Stripe.net through the registered IStripeClient) against the sandbox.</summary>
public sealed class StripeSandboxTests : SandboxClientTest
{
    private IStripeClient StripeClient => Services.GetRequiredService<IStripeClient>();

    /// <summary>What the frontend does with Stripe.js after the API hands it the client secret; tests do it server-side.</summary>
    private async Task<string> SaveCardAsync(string customerId, string testMethod = "pm_card_visa")
    {
        var setup = await Vault.CreateSetupIntentAsync(customerId, "setup-" + Guid.NewGuid(), CancellationToken.None);
        var confirmed = await new SetupIntentService(StripeClient).ConfirmAsync(setup.SetupIntentId,
            new SetupIntentConfirmOptions { PaymentMethod = testMethod });
        Assert.Equal("succeeded", confirmed.Status);
        return confirmed.PaymentMethodId;
    }

    [Fact]
    public async Task CreateCustomer_CarriesOnlyTheUserIdAndIsIdempotent()
    {
        var id = await Vault.CreateCustomerAsync("user-42", "customer/user-42", CancellationToken.None);
        var again = await Vault.CreateCustomerAsync("user-42", "customer/user-42", CancellationToken.None);

        Assert.StartsWith("cus_", id, StringComparison.Ordinal);
        Assert.Equal(id, again);
        var customer = await new CustomerService(StripeClient).GetAsync(id);
        Assert.Equal("user-42", customer.Metadata["user_id"]);
        Assert.Null(customer.Email);
        Assert.Null(customer.Name);
    }

    [Fact]
    public async Task CreateSetupIntent_OffSessionForTheCustomer()
    {
        var customerId = await Vault.CreateCustomerAsync("user-1", "customer/user-1", CancellationToken.None);

        var setup = await Vault.CreateSetupIntentAsync(customerId, "setup/user-1/1", CancellationToken.None);
        var replay = await Vault.CreateSetupIntentAsync(customerId, "setup/user-1/1", CancellationToken.None);

        Assert.StartsWith("seti_", setup.SetupIntentId, StringComparison.Ordinal);
        Assert.StartsWith(setup.SetupIntentId + "_secret_", setup.ClientSecret, StringComparison.Ordinal);
        Assert.Equal(setup, replay);
        var recorded = Assert.Single(Sandbox.Ledger.SetupIntents);
        Assert.Equal((customerId, "off_session", "requires_payment_method"), (recorded.Customer, recorded.Usage, recorded.Status));
    }

    [Fact]
    public async Task SavedCard_ShowsBrandLast4AndExpiry()
    {
        var customerId = await Vault.CreateCustomerAsync("user-1", "customer/user-1", CancellationToken.None);
        var paymentMethodId = await SaveCardAsync(customerId, "pm_card_mastercard");

        var card = await Vault.GetCardAsync(paymentMethodId, CancellationToken.None);

        Assert.NotNull(card);
        Assert.Equal((paymentMethodId, customerId, "mastercard", "4444"), (card.PaymentMethodId, card.CustomerId, card.Brand, card.Last4));
        Assert.Equal(12, card.ExpMonth);
        Assert.True(card.ExpYear > DateTime.UtcNow.Year);
        Assert.Equal("succeeded", Assert.Single(Sandbox.Ledger.SetupIntents).Status);
    }

    [Fact]
    public async Task GetCard_Unknown_IsNull()
    {
        Assert.Null(await Vault.GetCardAsync("pm_DoesNotExist000000000000", CancellationToken.None));
    }

    [Fact]
    public async Task Detach_Twice_SucceedsAndLeavesTheCardUnattached()
    {
        var customerId = await Vault.CreateCustomerAsync("user-1", "customer/user-1", CancellationToken.None);
        var paymentMethodId = await SaveCardAsync(customerId);

        await Vault.DetachAsync(paymentMethodId, "detach-1", CancellationToken.None);
        await Vault.DetachAsync(paymentMethodId, "detach-2", CancellationToken.None);

        Assert.Null((await Vault.GetCardAsync(paymentMethodId, CancellationToken.None))!.CustomerId);
    }

    [Fact]
    public async Task Detach_Unknown_Succeeds()
    {
        await Vault.DetachAsync("pm_DoesNotExist000000000000", "detach-x", CancellationToken.None);
    }

    [Fact]
    public async Task SavedCard_KeepsItsTestBehaviourWhenChargedOffSession()
    {
        var customerId = await Vault.CreateCustomerAsync("user-1", "customer/user-1", CancellationToken.None);
        var paymentMethodId = await SaveCardAsync(customerId, "pm_card_chargeDeclinedInsufficientFunds");

        var result = await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(432.10m, "GBP"), customerId, paymentMethodId, Guid.NewGuid(), Guid.NewGuid()),
            "auth-1", CancellationToken.None);

        Assert.Equal((AuthorizationStatus.Declined, "insufficient_funds"), (result.Status, result.DeclineCode));
    }

    [Fact]
    public async Task Refund_AfterCapture_RefundsInFullOnceAndPartsOnRequest()
    {
        var attemptId = Guid.NewGuid();
        var auth = await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(432.10m, "GBP"), "cus_Test123", "pm_card_visa", Guid.NewGuid(), attemptId),
            $"attempt-{attemptId}/authorize", CancellationToken.None);
        await Payments.CaptureAsync(auth.PaymentIntentId!, $"attempt-{attemptId}/capture", CancellationToken.None);

        var part = await Payments.RefundAsync(auth.PaymentIntentId!, new Money(32.10m, "GBP"), $"attempt-{attemptId}/refund-1", CancellationToken.None);
        var rest = await Payments.RefundAsync(auth.PaymentIntentId!, null, $"attempt-{attemptId}/refund-2", CancellationToken.None);
        var replay = await Payments.RefundAsync(auth.PaymentIntentId!, null, $"attempt-{attemptId}/refund-2", CancellationToken.None);

        Assert.Equal(("succeeded", new Money(32.10m, "GBP")), (part.Status, part.Amount));
        Assert.Equal(new Money(400.00m, "GBP"), rest.Amount);
        Assert.Equal(rest.RefundId, replay.RefundId);
        Assert.Equal(2, Sandbox.Ledger.Refunds.Count);
        Assert.Equal(43210, Assert.Single(Sandbox.Ledger.PaymentIntents).AmountRefunded);
    }

    [Fact]
    public async Task Refund_UncapturedHold_Throws()
    {
        var auth = await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(100m, "GBP"), "cus_Test123", "pm_card_visa", Guid.NewGuid(), Guid.NewGuid()),
            "auth-x", CancellationToken.None);

        var ex = await Assert.ThrowsAsync<StripeException>(() => Payments.RefundAsync(auth.PaymentIntentId!, null, "refund-x", CancellationToken.None));

        Assert.Equal("charge_not_refundable", ex.StripeError.Code);
        Assert.Empty(Sandbox.Ledger.Refunds);
    }

    [Fact]
    public async Task Authorize_Declines_AreTyped()
    {
        var declined = await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(100m, "GBP"), "cus_Test123", "pm_card_chargeDeclined", Guid.NewGuid(), Guid.NewGuid()),
            "auth-d", CancellationToken.None);
        var needsAuth = await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(100m, "GBP"), "cus_Test123", "pm_card_authenticationRequired", Guid.NewGuid(), Guid.NewGuid()),
            "auth-a", CancellationToken.None);

        Assert.Equal((AuthorizationStatus.Declined, "generic_decline"), (declined.Status, declined.DeclineCode));
        Assert.Equal(AuthorizationStatus.AuthenticationRequired, needsAuth.Status);
        Assert.NotNull(needsAuth.PaymentIntentId);
    }

    [Fact]
    public async Task FindPaymentIntentsByAttempt_FindsTheAttemptsIntentOnly()
    {
        var attemptId = Guid.NewGuid();
        var auth = await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(432.10m, "GBP"), "cus_Test123", "pm_card_visa", Guid.NewGuid(), attemptId),
            $"attempt-{attemptId}/authorize", CancellationToken.None);
        await Payments.AuthorizeAsync(
            new AuthorizationRequest(new Money(10m, "GBP"), "cus_Test123", "pm_card_visa", Guid.NewGuid(), Guid.NewGuid()),
            "another-attempt", CancellationToken.None);

        var found = Assert.Single(await Payments.FindPaymentIntentsByAttemptAsync(attemptId, CancellationToken.None));
        var none = await Payments.FindPaymentIntentsByAttemptAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal((auth.PaymentIntentId, "requires_capture"), (found.Id, found.Status));
        Assert.Empty(none);
    }
}
