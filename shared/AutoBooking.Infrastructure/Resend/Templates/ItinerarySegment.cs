namespace AutoBooking.Infrastructure.Resend.Templates;

/// <summary>One flight of an itinerary as a traveller reads it. Times are the airports' local times.</summary>
public sealed record ItinerarySegment(
    string Carrier,
    string FlightNumber,
    string Origin,
    string Destination,
    DateTime DepartingAtLocal,
    DateTime ArrivingAtLocal);
