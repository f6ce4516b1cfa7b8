namespace AutoBooking.Core.Trips;

/// <summary>
/// The journey's flexible parts: airports the traveler would also fly from or to, the last acceptable departure
/// date (a window), and, for a return trip, how many nights they stay.
/// </summary>
public sealed record RouteAlternatives(
    IReadOnlyList<string> AdditionalOrigins, IReadOnlyList<string> AdditionalDestinations, DateOnly? LatestDepartureDate,
    ReturnStay? Return = null)
{
    public static RouteAlternatives None { get; } = new([], [], null);
}
