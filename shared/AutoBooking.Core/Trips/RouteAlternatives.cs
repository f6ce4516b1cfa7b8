namespace AutoBooking.Core.Trips;

/// <summary>Airports the traveller would also fly from or to, and the last acceptable departure date (a window).</summary>
public sealed record RouteAlternatives(
    IReadOnlyList<string> AdditionalOrigins, IReadOnlyList<string> AdditionalDestinations, DateOnly? LatestDepartureDate)
{
    public static RouteAlternatives None { get; } = new([], [], null);
}
