using AutoBooking.Core.Ports;

namespace AutoBooking.Infrastructure.Resend.Templates;

/// <summary>
/// The email templates' former name for <see cref="FlightSegment"/>, the one segment record: kept so that code building
/// an itinerary by this name still compiles. It adds nothing.
/// </summary>
public sealed record ItinerarySegment(
    string Carrier,
    string FlightNumber,
    string Origin,
    string Destination,
    DateTime DepartingAtLocal,
    DateTime ArrivingAtLocal)
    : FlightSegment(Carrier, FlightNumber, Origin, Destination, DepartingAtLocal, ArrivingAtLocal);
