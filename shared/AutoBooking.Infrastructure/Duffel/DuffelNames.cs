using System.Globalization;
using System.Text;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// A passenger name as Duffel's order API accepts it: only space, <c>-</c>, <c>'</c> and letters of ASCII, Latin-1
/// Supplement and Latin Extended-A, except Æ æ Ĳ ĳ Œ œ Þ þ ð. We accept more (Latin Extended-B and Additional,
/// combining marks: <see cref="Core.Validation.PersonName"/>), so names are written the way a passport's
/// machine-readable zone transliterates them: ligatures spelled out (Æ → AE), other marks dropped (ș → s).
/// </summary>
public static class DuffelNames
{
    public static bool IsAccepted(char c) =>
        char.IsAsciiLetter(c) || c is ' ' or '-' or '\''
        || (c is >= '\u00C0' and <= '\u017F' && c is not ('\u00D7' or '\u00F7' or '\u00C6' or '\u00E6' or '\u0132' or '\u0133'
            or '\u0152' or '\u0153' or '\u00DE' or '\u00FE' or '\u00F0'));

    public static bool IsAccepted(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 0 && name.All(IsAccepted);
    }

    public static string ForOrder(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsAccepted(name))
        {
            return name;
        }
        var written = new StringBuilder(name.Length + 4);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (IsAccepted(c))
            {
                written.Append(c);
                continue;
            }
            var spelled = c switch
            {
                'Æ' => "AE", 'æ' => "ae", 'Œ' => "OE", 'œ' => "oe", 'Ĳ' => "IJ", 'ĳ' => "ij", 'Þ' => "TH", 'þ' => "th", 'ð' => "d",
                _ => null,
            };
            if (spelled is not null)
            {
                written.Append(spelled);
                continue;
            }
            // A letter with marks Duffel does not take: its base letter, when that is one Duffel takes.
            foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark && IsAccepted(part))
                {
                    written.Append(part);
                }
            }
        }
        return written.ToString();
    }
}
