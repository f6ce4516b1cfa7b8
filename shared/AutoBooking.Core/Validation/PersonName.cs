using System.Globalization;
using System.Text;

namespace AutoBooking.Core.Validation;

/// <summary>
/// A given or family name as airlines accept it. Normalised first (outer spaces trimmed, Unicode NFC, so "e" +
/// combining acute is stored as "é"), then checked: 1 to <see cref="MaxLength"/> characters of Latin letters
/// (accented ones included: Latin-1 Supplement, Latin Extended-A/B and Additional), spaces, hyphens and
/// apostrophes, starting with a letter, no two separators in a row. A combining mark that NFC could not compose
/// is allowed only after a Latin letter and at most <see cref="MaxCombiningMarks"/> at a time (a letter buried under
/// dozens of marks is refused). Airline reservation systems transliterate to A-Z themselves; other scripts
/// (Cyrillic, CJK, emoji) and everything invisible are refused, since the name must match the passport's
/// machine-readable zone, which is Latin.
/// </summary>
public readonly record struct PersonName
{
    public const int MaxLength = 50;

    public const int MaxCombiningMarks = 2;

    private PersonName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The normalised form stored (trimmed, NFC), or null when <paramref name="text"/> cannot be normalised.</summary>
    public static string? Normalise(string? text)
    {
        if (text is null || !TextRules.IsClean(text))
        {
            return null;
        }
        var trimmed = text.Trim(' ');
        return trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }

    public static bool TryParse(string? text, out PersonName name)
    {
        name = default;
        var value = Normalise(text);
        if (value is null || value.Length is 0 or > MaxLength || !IsLatinLetter(value[0]))
        {
            return false;
        }
        var marks = 0;
        var previousSeparator = false;
        foreach (var c in value)
        {
            if (IsLatinLetter(c))
            {
                marks = 0;
                previousSeparator = false;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                if (previousSeparator || ++marks > MaxCombiningMarks)
                {
                    return false;
                }
            }
            else if (c is ' ' or '-' or '\'')
            {
                if (previousSeparator)
                {
                    return false;
                }
                previousSeparator = true;
                marks = 0;
            }
            else
            {
                return false;
            }
        }
        name = new PersonName(value);
        return true;
    }

    /// <summary>A letter of the Latin script: ASCII, Latin-1 Supplement (not × ÷), Extended-A/B, Extended Additional.</summary>
    private static bool IsLatinLetter(char c) =>
        char.IsAsciiLetter(c)
        || (c is >= '\u00C0' and <= '\u024F' && c is not '\u00D7' and not '\u00F7')
        || (c is >= '\u1E00' and <= '\u1EFF');

    public override string ToString() => Value;
}
