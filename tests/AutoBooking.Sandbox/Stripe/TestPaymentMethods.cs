namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// Stripe's test PaymentMethods and what confirming them does. Any other <c>pm_…</c> id behaves like
/// <c>pm_card_visa</c>, so ids saved by a frontend test work too.
/// </summary>
internal static class TestPaymentMethods
{
    public const string AuthenticationRequired = "pm_card_authenticationRequired";

    public static readonly CardOutcome AuthenticationRequiredOutcome =
        new("authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication.");

    private static readonly Dictionary<string, CardOutcome> Declines = new(StringComparer.Ordinal)
    {
        ["pm_card_chargeDeclined"] = new("card_declined", "generic_decline", "Your card was declined."),
        ["pm_card_chargeDeclinedInsufficientFunds"] = new("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        ["pm_card_chargeDeclinedLostCard"] = new("card_declined", "lost_card", "Your card was declined."),
        ["pm_card_chargeDeclinedStolenCard"] = new("card_declined", "stolen_card", "Your card was declined."),
        ["pm_card_chargeDeclinedFraudulent"] = new("card_declined", "fraudulent", "Your card was declined."),
        ["pm_card_chargeDeclinedExpiredCard"] = new("expired_card", "expired_card", "Your card has expired."),
        ["pm_card_chargeDeclinedIncorrectCvc"] = new("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
        ["pm_card_chargeDeclinedProcessingError"] = new("processing_error", "processing_error",
            "An error occurred while processing your card. Try again in a little bit."),
    };

    public static bool Exists(string paymentMethod) => paymentMethod.StartsWith("pm_", StringComparison.Ordinal) && paymentMethod.Length > 3;

    /// <summary>The decline confirming this PaymentMethod causes, or null when the card is charged.</summary>
    public static CardOutcome? DeclineFor(string paymentMethod) => Declines.GetValueOrDefault(paymentMethod);
}
