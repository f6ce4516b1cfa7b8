using AutoBooking.Core.Ports;
using Microsoft.Extensions.Logging;
using Stripe;

namespace AutoBooking.Infrastructure.Stripe;

/// <summary>
/// Saved cards through Stripe.net: a customer per user (metadata user_id only, no PII), SetupIntents for
/// off-session use (the frontend confirms them with Stripe.js, so card data never reaches us), card details
/// for display, and detaching. Every create carries the caller's idempotency key.
/// </summary>
public sealed partial class StripePaymentMethodVault(IStripeClient client, ILogger<StripePaymentMethodVault> logger) : IPaymentMethodVault
{
    private readonly CustomerService customers = new(client);
    private readonly SetupIntentService setupIntents = new(client);
    private readonly PaymentMethodService paymentMethods = new(client);

    public async Task<string> CreateCustomerAsync(string userId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var customer = await customers.CreateAsync(
            new CustomerCreateOptions { Metadata = new Dictionary<string, string> { ["user_id"] = userId } },
            new RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken);
        return customer.Id;
    }

    public async Task<SetupIntentResult> CreateSetupIntentAsync(string customerId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        var intent = await setupIntents.CreateAsync(
            new SetupIntentCreateOptions
            {
                Customer = customerId,
                // Consent to charge later without the traveler present: what auto-booking needs.
                Usage = "off_session",
                AutomaticPaymentMethods = new SetupIntentAutomaticPaymentMethodsOptions { Enabled = true, AllowRedirects = "never" },
            },
            new RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken);
        return new SetupIntentResult(intent.Id, intent.ClientSecret);
    }

    public async Task<CardDetails?> GetCardAsync(string paymentMethodId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentMethodId);
        try
        {
            var method = await paymentMethods.GetAsync(paymentMethodId, cancellationToken: cancellationToken);
            if (method.Card is null)
            {
                return null;
            }
            return new CardDetails(method.Id, method.CustomerId, method.Card.Brand, method.Card.Last4, (int)method.Card.ExpMonth, (int)method.Card.ExpYear);
        }
        catch (StripeException ex) when (ex.StripeError?.Code == "resource_missing")
        {
            return null;
        }
    }

    public async Task DetachAsync(string paymentMethodId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentMethodId);
        try
        {
            await paymentMethods.DetachAsync(paymentMethodId, new PaymentMethodDetachOptions(),
                new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "invalid_request_error")
        {
            // Stripe refuses to detach a card that is not attached (or no longer exists). Either way the card
            // is not usable for charges any more, which is what the caller wants; anything else surfaces.
            if (ex.StripeError.Code == "resource_missing")
            {
                LogAlreadyDetached(logger, paymentMethodId, ex.StripeError.Code);
                return;
            }
            var method = await paymentMethods.GetAsync(paymentMethodId, cancellationToken: cancellationToken);
            if (method.CustomerId is not null)
            {
                throw;
            }
            LogAlreadyDetached(logger, paymentMethodId, ex.StripeError.Code);
        }
    }

    public async Task<IReadOnlyList<string>> CloseCustomerAsync(string customerId, string idempotencyKeyPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        // A customer has a handful of SetupIntents at most (one per "add a card"); 100 covers them, and a retry of the
        // erasure sees what a first pass left.
        var intents = await setupIntents.ListAsync(new SetupIntentListOptions { Customer = customerId, Limit = 100 }, cancellationToken: cancellationToken);
        foreach (var intent in intents.Data.Where(i => i.Status is "requires_payment_method" or "requires_confirmation" or "requires_action"))
        {
            try
            {
                await setupIntents.CancelAsync(intent.Id, new SetupIntentCancelOptions { CancellationReason = "abandoned" },
                    new RequestOptions { IdempotencyKey = $"{idempotencyKeyPrefix}/seti/{intent.Id}" }, cancellationToken);
            }
            catch (StripeException ex) when (ex.StripeError?.Code == "setup_intent_unexpected_state")
            {
                // It succeeded (or was canceled) since it was listed: its card, if any, is among those listed below.
                LogSetupIntentSettled(logger, intent.Id);
            }
        }
        var cards = await paymentMethods.ListAsync(new PaymentMethodListOptions { Customer = customerId, Limit = 100 }, cancellationToken: cancellationToken);
        return cards.Data.Select(c => c.Id).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe SetupIntent {SetupIntentId} settled before it could be canceled")]
    private static partial void LogSetupIntentSettled(ILogger logger, string setupIntentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe payment method {PaymentMethodId} was already detached ({Code})")]
    private static partial void LogAlreadyDetached(ILogger logger, string paymentMethodId, string? code);
}
