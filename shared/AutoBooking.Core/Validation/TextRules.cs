using System.Globalization;

namespace AutoBooking.Core.Validation;

/// <summary>
/// The rule every string the API accepts obeys: no control or format characters (Unicode Cc, Cf: NUL, line
/// breaks, bidi overrides, zero-width joiners), no line or paragraph separators (Zl, Zp), no lone surrogates.
/// They are invisible or re-order what a person (or an airline's system) reads, and none belongs in a value we store.
/// </summary>
public static class TextRules
{
    /// <summary>True when <paramref name="value"/> holds none of the characters above.</summary>
    public static bool IsClean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c))
            {
                return false;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when every character is in <paramref name="allowed"/> (ASCII-only rules: <c>[A-Z0-9]</c> and the like).</summary>
    public static bool IsAscii(string value, int minLength, int maxLength, Func<char, bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(allowed);
        if (value.Length < minLength || value.Length > maxLength)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (!char.IsAscii(c) || !allowed(c))
            {
                return false;
            }
        }
        return true;
    }
}
