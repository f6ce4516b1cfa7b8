namespace AutoBooking.Sandbox;

/// <summary>One journey of a flight search, as the client asked for it.</summary>
public sealed record LedgerSlice(string Origin, string Destination, DateOnly DepartureDate);
