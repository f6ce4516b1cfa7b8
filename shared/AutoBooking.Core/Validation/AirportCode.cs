namespace AutoBooking.Core.Validation;

/// <summary>A three-letter IATA airport (or city) code: exactly three ASCII capitals, nothing before or after.</summary>
public readonly record struct AirportCode
{
    private AirportCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out AirportCode code)
    {
        code = default;
        if (text is null || !TextRules.IsAscii(text, 3, 3, char.IsAsciiLetterUpper))
        {
            return false;
        }
        code = new AirportCode(text);
        return true;
    }

    public override string ToString() => Value;
}
