using System.Collections.Frozen;
using System.Globalization;

namespace AutoBooking.Core.Validation;

/// <summary>
/// An ISO 3166-1 alpha-2 country (a document's issuing country): two ASCII capitals that name a region in the
/// runtime's ICU data (maintained with .NET), so "XX" or "ZZ" are refused.
/// </summary>
public readonly record struct CountryCode
{
    private static readonly Lazy<FrozenSet<string>> Known = new(() => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).TwoLetterISORegionName; } catch (ArgumentException) { return ""; } })
        .Where(r => r.Length == 2 && r.All(char.IsAsciiLetterUpper))
        .ToFrozenSet(StringComparer.Ordinal));

    private CountryCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out CountryCode code)
    {
        code = default;
        if (text is null || !TextRules.IsAscii(text, 2, 2, char.IsAsciiLetterUpper) || !Known.Value.Contains(text))
        {
            return false;
        }
        code = new CountryCode(text);
        return true;
    }

    public override string ToString() => Value;
}
