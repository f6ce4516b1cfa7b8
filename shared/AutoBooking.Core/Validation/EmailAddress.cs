using System.Globalization;
using System.Net.Mail;

namespace AutoBooking.Core.Validation;

/// <summary>
/// An email address by rule, not by pattern: outer spaces trimmed, then at most 254 characters, no control or
/// format characters, exactly <c>local@domain</c> as <see cref="MailAddress"/> reads it with no display name, no
/// comments or quoting; a local part of at most 64 printable ASCII characters (atext and dots, no leading, trailing
/// or double dot); a domain with a dot whose IDNA (punycode) form is valid DNS (labels of 1 to 63 letters, digits
/// and hyphens, not starting or ending with a hyphen, a top-level label that is not all digits). Internationalised
/// domains are accepted and stored as typed; internationalised local parts are not (many mail systems and airline
/// systems refuse them).
/// </summary>
public readonly record struct EmailAddress
{
    public const int MaxLength = 254;

    private const string AtextSymbols = "!#$%&'*+/=?^_`{|}~-";

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out EmailAddress email)
    {
        email = default;
        if (text is null || !TextRules.IsClean(text))
        {
            return false;
        }
        var value = text.Trim(' ');
        var at = value.LastIndexOf('@');
        if (value.Length > MaxLength || at <= 0 || at > 64 || !IsLocalPart(value[..at]) || !IsDomain(value[(at + 1)..]))
        {
            return false;
        }
        // The framework's reading must agree with ours: the whole string is the address, nothing else.
        if (!MailAddress.TryCreate(value, out var parsed) || parsed.DisplayName.Length > 0 || parsed.Address != value)
        {
            return false;
        }
        email = new EmailAddress(value);
        return true;
    }

    private static bool IsLocalPart(string local)
    {
        if (local.Length is 0 or > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && !AtextSymbols.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsDomain(string domain)
    {
        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var labels = ascii.Split('.');
        if (ascii.Length > 253 || labels.Length < 2 || labels[^1].All(char.IsAsciiDigit))
        {
            return false;
        }
        foreach (var label in labels)
        {
            if (!TextRules.IsAscii(label, 1, 63, c => char.IsAsciiLetterOrDigit(c) || c == '-') || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
        }
        return true;
    }

    public override string ToString() => Value;
}
