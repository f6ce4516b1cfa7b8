using AutoBooking.Sandbox.Stripe;

namespace AutoBooking.Sandbox;

/// <summary>
/// What the traveler does in their browser, for tests to arrange: completing a card authentication on-session
/// (Stripe.js confirming a PaymentIntent with its client secret after 3-D Secure). The intent becomes
/// <c>requires_capture</c> (manual capture) and, when webhooks are on, Stripe's signed
/// <c>payment_intent.amount_capturable_updated</c> goes to the receiver.
/// </summary>
public sealed class Cardholder
{
    private readonly StripeApi stripe;

    internal Cardholder(StripeApi stripe)
    {
        this.stripe = stripe;
    }

    /// <summary>
    /// Authenticates the PaymentIntent waiting for its customer (<c>requires_action</c>, or
    /// <c>requires_payment_method</c> after an off-session <c>authentication_required</c>). An intent not waiting
    /// is left as it is (a second call changes nothing and sends nothing). Answers the intent as it now stands.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No PaymentIntent has this id.</exception>
    public LedgerPaymentIntent CompleteAuthentication(string paymentIntentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentIntentId);
        return stripe.CompleteAuthentication(paymentIntentId) ?? throw new KeyNotFoundException($"No PaymentIntent {paymentIntentId}.");
    }
}
