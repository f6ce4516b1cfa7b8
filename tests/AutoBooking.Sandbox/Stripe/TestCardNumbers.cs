namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// Card details as Stripe.js sends them from a card element (<c>payment_method_data[card][number]</c>, …), mapped to
/// the named test method that behaves like that test card in Stripe's documentation. Other numbers are refused as
/// Stripe refuses them in test mode: a number that fails the Luhn check is incorrect, any other is a real card.
/// </summary>
internal static class TestCardNumbers
{
    private static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        ["4242424242424242"] = "pm_card_visa",
        ["4000056655665556"] = "pm_card_visa_debit",
        ["5555555555554444"] = "pm_card_mastercard",
        ["371449635398431"] = "pm_card_amex",
        ["4000002500003155"] = TestPaymentMethods.AuthenticationRequiredOnSetup,
        ["4000002760003184"] = TestPaymentMethods.AuthenticationRequired,
        ["4000000000000002"] = "pm_card_chargeDeclined",
        ["4000000000009995"] = "pm_card_chargeDeclinedInsufficientFunds",
        ["4000000000000069"] = "pm_card_chargeDeclinedExpiredCard",
        ["4000000000000341"] = TestPaymentMethods.ChargeCustomerFail,
    };

    private static readonly CardOutcome IncorrectNumber = new("incorrect_number", null, "Your card number is incorrect.");

    private static readonly CardOutcome LiveCard = new("card_declined", "test_mode_live_card",
        "Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing.");

    /// <summary>Whether the request carries card details (<c>payment_method_data[type]=card</c>).</summary>
    public static bool IsPresent(StripeParams parameters) => parameters.String("payment_method_data[type]") == "card";

    /// <summary>
    /// The test method the card details stand for, or the problem: a missing field (400) or a refused number (a card
    /// error, <paramref name="refusal"/>).
    /// </summary>
    public static string? Resolve(StripeParams parameters, out StripeReply? missing, out CardOutcome? refusal)
    {
        missing = null;
        refusal = null;
        foreach (var field in new[] { "number", "exp_month", "exp_year", "cvc" })
        {
            if (parameters.String($"payment_method_data[card][{field}]") is null)
            {
                missing = StripeErrors.ParameterMissing($"payment_method_data[card][{field}]");
                return null;
            }
        }
        var number = new string(parameters.String("payment_method_data[card][number]")!.Where(c => c != ' ').ToArray());
        if (Methods.TryGetValue(number, out var method))
        {
            return method;
        }
        refusal = number.All(char.IsAsciiDigit) && number.Length is >= 12 and <= 19 && PassesLuhn(number) ? LiveCard : IncorrectNumber;
        return null;
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
