namespace AutoBooking.Sandbox.Duffel;

/// <summary>An airline the sandbox sells; <see cref="TicketingCode"/> starts its e-ticket numbers.</summary>
internal sealed record Carrier(string IataCode, string Name, string TicketingCode)
{
    public static readonly Carrier BritishAirways = new("BA", "British Airways", "125");
    public static readonly Carrier AmericanAirlines = new("AA", "American Airlines", "001");
    public static readonly Carrier VirginAtlantic = new("VS", "Virgin Atlantic", "932");
}
