namespace AutoBooking.Core.Ports;

/// <summary>
/// One flight of a bought order as the provider reports it now (after any airline change). Times are the
/// airports' local times, as airlines publish them.
/// </summary>
public sealed record FlightSegment(
    string Carrier,
    string FlightNumber,
    string Origin,
    string Destination,
    DateTime DepartingAtLocal,
    DateTime ArrivingAtLocal);
