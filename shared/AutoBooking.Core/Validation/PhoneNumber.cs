namespace AutoBooking.Core.Validation;

/// <summary>
/// An E.164 phone number as airlines take it: <c>+</c>, a country code not starting with 0, and 8 to 15 digits in
/// all (ITU-T E.164 allows at most 15; no country's shortest international number is under 8). ASCII digits only:
/// no spaces, dashes or Unicode digits, which an airline's system would refuse or misread.
/// </summary>
public readonly record struct PhoneNumber
{
    public const int MinDigits = 8;

    public const int MaxDigits = 15;

    private PhoneNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out PhoneNumber number)
    {
        number = default;
        if (text is null || text.Length < MinDigits + 1 || text.Length > MaxDigits + 1 || text[0] != '+' || text[1] == '0')
        {
            return false;
        }
        for (var i = 1; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }
        number = new PhoneNumber(text);
        return true;
    }

    public override string ToString() => Value;
}
