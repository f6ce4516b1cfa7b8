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
                // Consent to charge later without the traveller present: what auto-booking needs.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe payment method {PaymentMethodId} was already detached ({Code})")]
    private static partial void LogAlreadyDetached(ILogger logger, string paymentMethodId, string? code);
}
