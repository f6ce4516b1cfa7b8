using System.Globalization;

namespace AutoBooking.Core.Money;

/// <summary>An amount in an ISO-4217 currency. Amounts are decimals; providers get minor units.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    /// <summary>
    /// Currencies whose minor unit is not the cent: every ISO-4217 (list one) code with an exponent other than 2.
    /// The list changes rarely (a currency redenominated); validation and Stripe conversion both read it.
    /// </summary>
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    };

    public static int ExponentOf(string currency) =>
        Exponents.TryGetValue(currency, out var exponent) ? exponent : 2;

    /// <summary>The amount in the currency's minor units (what Stripe expects). Throws if it has more precision.</summary>
    public long ToMinorUnits()
    {
        var scaled = Amount * Pow10(ExponentOf(Currency));
        if (scaled != decimal.Truncate(scaled))
        {
            throw new InvalidOperationException(
                $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency} has more precision than its minor unit.");
        }
        return (long)scaled;
    }

    public static Money FromMinorUnits(long minor, string currency) =>
        new(minor / Pow10(ExponentOf(currency)), currency.ToUpperInvariant());

    private static decimal Pow10(int exponent) => exponent switch { 0 => 1m, 3 => 1000m, 4 => 10000m, _ => 100m };

    public override string ToString() =>
        $"{Amount.ToString("0.00##", CultureInfo.InvariantCulture)} {Currency}";
}
