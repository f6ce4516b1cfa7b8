namespace AutoBooking.Core.Ports;

/// <summary>
/// One flight of an offer or of a bought order as the provider reports it now (after any airline change), and the
/// line a traveler reads in an itinerary email. Times are the airports' local times, as airlines publish them.
/// </summary>
public record FlightSegment(
    string Carrier,
    string FlightNumber,
    string Origin,
    string Destination,
    DateTime DepartingAtLocal,
    DateTime ArrivingAtLocal);
