namespace AutoBooking.Sandbox.Duffel;

/// <summary>IATA codes as Duffel validates them: airports have three uppercase letters.</summary>
internal static class Iata
{
    public static bool IsValid(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);
}
