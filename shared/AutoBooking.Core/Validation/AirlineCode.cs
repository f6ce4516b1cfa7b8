namespace AutoBooking.Core.Validation;

/// <summary>
/// A two-character IATA airline designator: ASCII capitals and digits (BA, U2, 9W), never two digits (IATA does
/// not assign those: they would read as a flight number).
/// </summary>
public readonly record struct AirlineCode
{
    private AirlineCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out AirlineCode code)
    {
        code = default;
        if (text is null || !TextRules.IsAscii(text, 2, 2, c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))
            || (char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1])))
        {
            return false;
        }
        code = new AirlineCode(text);
        return true;
    }

    public override string ToString() => Value;
}
