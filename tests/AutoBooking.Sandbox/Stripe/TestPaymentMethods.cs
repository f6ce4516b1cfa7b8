namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// Stripe's test PaymentMethods and what confirming them does. Any other <c>pm_…</c> id behaves like
/// <c>pm_card_visa</c>, so ids saved by a frontend test work too.
/// </summary>
internal static class TestPaymentMethods
{
    public const string AuthenticationRequired = "pm_card_authenticationRequired";

    /// <summary>Stripe's 4000 0025 0000 3155: authenticates when set up (or paid on-session); saved, it is charged off-session without.</summary>
    public const string AuthenticationRequiredOnSetup = "pm_card_authenticationRequiredOnSetup";

    /// <summary>Stripe's 4000 0000 0000 0341: saving it succeeds, charging it is declined.</summary>
    public const string ChargeCustomerFail = "pm_card_chargeCustomerFail";

    /// <summary>
    /// The sandbox's own test method (Stripe has no card one): confirming leaves the intent in <c>processing</c>, the
    /// state a PaymentIntent may be in while the card network has not answered. It never holds the money by itself.
    /// </summary>
    public const string Processing = "pm_card_processing";

    public static readonly CardOutcome AuthenticationRequiredOutcome =
        new("authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication.");

    private static readonly Dictionary<string, CardOutcome> Declines = new(StringComparer.Ordinal)
    {
        ["pm_card_chargeDeclined"] = new("card_declined", "generic_decline", "Your card was declined."),
        [ChargeCustomerFail] = new("card_declined", "generic_decline", "Your card was declined."),
        ["pm_card_chargeDeclinedInsufficientFunds"] = new("card_declined", "insufficient_funds", "Your card has insufficient funds."),
        ["pm_card_chargeDeclinedLostCard"] = new("card_declined", "lost_card", "Your card was declined."),
        ["pm_card_chargeDeclinedStolenCard"] = new("card_declined", "stolen_card", "Your card was declined."),
        ["pm_card_chargeDeclinedFraudulent"] = new("card_declined", "fraudulent", "Your card was declined."),
        ["pm_card_chargeDeclinedExpiredCard"] = new("expired_card", "expired_card", "Your card has expired."),
        ["pm_card_chargeDeclinedIncorrectCvc"] = new("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
        ["pm_card_chargeDeclinedProcessingError"] = new("processing_error", "processing_error",
            "An error occurred while processing your card. Try again in a little bit."),
    };

    private static readonly Dictionary<string, TestCard> Cards = new(StringComparer.Ordinal)
    {
        ["pm_card_visa"] = new("visa", "4242"),
        ["pm_card_visa_debit"] = new("visa", "5556", "debit"),
        ["pm_card_mastercard"] = new("mastercard", "4444"),
        ["pm_card_amex"] = new("amex", "8431"),
        ["pm_card_chargeDeclined"] = new("visa", "0002"),
        ["pm_card_chargeDeclinedInsufficientFunds"] = new("visa", "9995"),
        ["pm_card_chargeDeclinedLostCard"] = new("visa", "9987"),
        ["pm_card_chargeDeclinedStolenCard"] = new("visa", "9979"),
        ["pm_card_chargeDeclinedFraudulent"] = new("visa", "0019"),
        ["pm_card_chargeDeclinedExpiredCard"] = new("visa", "0069"),
        ["pm_card_chargeDeclinedIncorrectCvc"] = new("visa", "0127"),
        ["pm_card_chargeDeclinedProcessingError"] = new("visa", "0119"),
        [AuthenticationRequired] = new("visa", "3184"),
        [AuthenticationRequiredOnSetup] = new("visa", "3155"),
        [ChargeCustomerFail] = new("visa", "0341"),
        [Processing] = new("visa", "0077"),
    };

    /// <summary>Whether <paramref name="paymentMethod"/> is one of Stripe's named test methods (pm_card_…).</summary>
    public static bool IsNamed(string paymentMethod) => Cards.ContainsKey(paymentMethod);

    /// <summary>The card of a named test method; other ids show Stripe's default test Visa.</summary>
    public static TestCard CardFor(string paymentMethod) => Cards.GetValueOrDefault(paymentMethod) ?? Cards["pm_card_visa"];

    public static bool Exists(string paymentMethod) => paymentMethod.StartsWith("pm_", StringComparison.Ordinal) && paymentMethod.Length > 3;

    /// <summary>The decline confirming this PaymentMethod causes, or null when the card is charged.</summary>
    public static CardOutcome? DeclineFor(string paymentMethod) => Declines.GetValueOrDefault(paymentMethod);

    /// <summary>
    /// The decline saving this card from the browser causes (Stripe checks the card when a SetupIntent confirms with
    /// its details), or null: every declining card except <see cref="ChargeCustomerFail"/>, which saves and then fails.
    /// </summary>
    public static CardOutcome? SetupDeclineFor(string paymentMethod) => paymentMethod == ChargeCustomerFail ? null : DeclineFor(paymentMethod);

    /// <summary>Cards whose setup from the browser waits for the cardholder's 3-D Secure authentication.</summary>
    public static bool AuthenticatesOnSetup(string paymentMethod) => paymentMethod is AuthenticationRequired or AuthenticationRequiredOnSetup;
}
