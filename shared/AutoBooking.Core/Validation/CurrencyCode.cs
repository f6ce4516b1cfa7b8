using System.Collections.Frozen;
using System.Globalization;

namespace AutoBooking.Core.Validation;

/// <summary>
/// An ISO 4217 currency in circulation, with its minor unit. The list is the runtime's ICU data (the currency of
/// every region .NET knows), which is maintained with .NET and the operating system's ICU: no NuGet package
/// carrying ISO 4217 is available to us, and a hand-kept list would go stale (new codes such as XCG, withdrawn
/// ones). Codes that are not money (XXX no currency, XTS testing, metals and funds) are never accepted. The
/// exponent comes from <see cref="Money.Money.ExponentOf"/>, the same table the Stripe minor-unit conversion uses.
/// </summary>
public readonly record struct CurrencyCode
{
    private static readonly FrozenSet<string> NotMoney = new[]
    {
        "XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly Lazy<FrozenSet<string>> InCirculation = new(Load);

    private CurrencyCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Decimal places of the minor unit (JPY 0, GBP 2, KWD 3).</summary>
    public int Exponent => Money.Money.ExponentOf(Value);

    /// <summary>Every code <see cref="TryParse"/> accepts.</summary>
    public static IReadOnlySet<string> All => InCirculation.Value;

    public static bool TryParse(string? text, out CurrencyCode code)
    {
        code = default;
        if (text is null || !TextRules.IsAscii(text, 3, 3, char.IsAsciiLetterUpper) || !InCirculation.Value.Contains(text))
        {
            return false;
        }
        code = new CurrencyCode(text);
        return true;
    }

    /// <summary>True when <paramref name="amount"/> has no more decimals than the currency's minor unit.</summary>
    public bool FitsMinorUnit(decimal amount) => decimal.Round(amount, Exponent) == amount;

    public override string ToString() => Value;

    private static FrozenSet<string> Load()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var symbol = new RegionInfo(culture.Name).ISOCurrencySymbol;
                if (symbol.Length == 3 && symbol.All(char.IsAsciiLetterUpper) && !NotMoney.Contains(symbol))
                {
                    codes.Add(symbol);
                }
            }
            catch (ArgumentException)
            {
                // A culture without a region (none among specific cultures today): it names no currency.
            }
        }
        // Invariant globalization (no ICU) would leave a handful of codes: refuse to run rather than reject real money.
        if (codes.Count < 100)
        {
            throw new InvalidOperationException("The runtime has no ICU currency data (InvariantGlobalization?): ISO 4217 codes cannot be checked.");
        }
        return codes.ToFrozenSet(StringComparer.Ordinal);
    }
}
