namespace AutoBooking.Sandbox;

/// <summary>One flight of an order as the airline scheduled it; times are the airports' local times.</summary>
public sealed record LedgerSegment(
    string Carrier, string FlightNumber, string Origin, string Destination, DateTime DepartingAt, DateTime ArrivingAt);
