namespace AutoBooking.Functions.Trips;

/// <summary>
/// Body of <c>PATCH /api/trips/{id}</c>: the criteria to change; omitted members keep their value. The traveler,
/// the card and server-owned fields cannot be changed here (unknown members are refused).
/// </summary>
public sealed record UpdateTripRequest(
    string? Origin, string? Destination, DateOnly? DepartureDate, string? Cabin, int? MaxConnections, MoneyDto? MaxPrice,
    IReadOnlyList<string>? IncludedAirlines = null, IReadOnlyList<string>? ExcludedAirlines = null, int? MaxDurationMinutes = null,
    int? CheckedBags = null, IReadOnlyList<string>? AdditionalOrigins = null, IReadOnlyList<string>? AdditionalDestinations = null,
    DateOnly? LatestDepartureDate = null, ReturnStayDto? ReturnStay = null,
    IReadOnlyList<string>? PreferredAirlines = null, FareConditionsDto? FareConditions = null);
