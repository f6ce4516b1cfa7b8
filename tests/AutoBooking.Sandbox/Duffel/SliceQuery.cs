namespace AutoBooking.Sandbox.Duffel;

/// <summary>One journey asked for in an offer request.</summary>
internal sealed record SliceQuery(string Origin, string Destination, DateOnly DepartureDate);
