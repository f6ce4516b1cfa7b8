using System.Text.RegularExpressions;

namespace AutoBooking.Sandbox.Resend;

/// <summary>Addresses as Resend accepts them: <c>ada@example.com</c> or <c>Ada Lovelace &lt;ada@example.com&gt;</c>.</summary>
internal static partial class EmailAddress
{
    public static bool IsValid(string value)
    {
        var trimmed = value.Trim();
        var open = trimmed.LastIndexOf('<');
        if (open >= 0)
        {
            if (!trimmed.EndsWith('>'))
            {
                return false;
            }
            trimmed = trimmed[(open + 1)..^1];
        }
        return Plain().IsMatch(trimmed);
    }

    [GeneratedRegex(@"^[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}
