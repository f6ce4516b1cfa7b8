namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// A passenger of an offer request as asked for: a <see cref="Type"/> or an <see cref="Age"/> (years on the day of
/// travel), never both. <see cref="FareType"/> is how the sandbox's airlines seat and price them.
/// </summary>
internal sealed record PassengerQuery(string Id, string? Type, int? Age)
{
    public const string AdultType = "adult";
    public const string Child = "child";
    public const string Infant = "infant_without_seat";

    /// <summary>The type asked for, else by age: under 2 on an adult's lap, under 18 a child, otherwise an adult.</summary>
    public string FareType => Type ?? Age switch
    {
        < 2 => Infant,
        < 18 => Child,
        _ => AdultType,
    };
}
