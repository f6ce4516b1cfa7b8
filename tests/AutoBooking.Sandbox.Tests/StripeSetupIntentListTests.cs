using AutoBooking.Sandbox.Tests.Support;
using Stripe;

namespace AutoBooking.Sandbox.Tests;

/// <summary>
/// What erasure asks of Stripe, through Stripe.net: a customer's SetupIntents listed and cancelled while they can still
/// succeed (never after), and the customer's attached cards listed.
/// </summary>
public sealed class StripeSetupIntentListTests : SandboxTest
{
    [Fact]
    public async Task SetupIntents_ListedByCustomer_CancelledUntilTheySucceed_CardsListedByCustomer()
    {
        var client = StripeClients.Client(Sandbox);
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions());
        var other = await new CustomerService(client).CreateAsync(new CustomerCreateOptions());
        var intents = new SetupIntentService(client);
        var open = await intents.CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id });
        var done = await intents.CreateAsync(new SetupIntentCreateOptions { Customer = customer.Id, PaymentMethod = "pm_card_visa", Confirm = true });
        await intents.CreateAsync(new SetupIntentCreateOptions { Customer = other.Id });

        var listed = await intents.ListAsync(new SetupIntentListOptions { Customer = customer.Id, Limit = 100 });
        Assert.Equal(new[] { open.Id, done.Id }.Order(), listed.Data.Select(i => i.Id).Order());

        var cancelled = await intents.CancelAsync(open.Id, new SetupIntentCancelOptions { CancellationReason = "abandoned" });
        Assert.Equal("canceled", cancelled.Status);
        var refused = await Assert.ThrowsAsync<StripeException>(() => intents.CancelAsync(done.Id, new SetupIntentCancelOptions()));
        Assert.Equal("setup_intent_unexpected_state", refused.StripeError.Code);
        await Assert.ThrowsAsync<StripeException>(() => intents.ConfirmAsync(open.Id, new SetupIntentConfirmOptions { PaymentMethod = "pm_card_visa" }));

        var cards = await new PaymentMethodService(client).ListAsync(new PaymentMethodListOptions { Customer = customer.Id, Limit = 100 });
        Assert.Equal(done.PaymentMethodId, Assert.Single(cards.Data).Id);
        Assert.Empty((await new PaymentMethodService(client).ListAsync(new PaymentMethodListOptions { Customer = other.Id })).Data);
    }
}
