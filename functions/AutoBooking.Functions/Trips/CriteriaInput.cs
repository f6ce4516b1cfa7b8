namespace AutoBooking.Functions.Trips;

/// <summary>The search criteria as a client sent them (unvalidated): from a create body or a merged update.</summary>
public sealed record CriteriaInput(
    string? Origin, string? Destination, DateOnly? DepartureDate, string? Cabin, int? MaxConnections, MoneyDto? MaxPrice,
    IReadOnlyList<string>? IncludedAirlines = null, IReadOnlyList<string>? ExcludedAirlines = null, int? MaxDurationMinutes = null,
    int? CheckedBags = null, IReadOnlyList<string>? AdditionalOrigins = null, IReadOnlyList<string>? AdditionalDestinations = null,
    DateOnly? LatestDepartureDate = null, ReturnStayDto? ReturnStay = null,
    IReadOnlyList<string>? PreferredAirlines = null, FareConditionsDto? FareConditions = null);
