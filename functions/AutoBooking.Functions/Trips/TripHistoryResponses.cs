using System.Text.Json;

namespace AutoBooking.Functions.Trips;

/// <summary>One entry of a trip's audit trail as the progress view shows it (no PII).</summary>
public sealed record TripEventResponse(long Id, string Kind, string? FromStatus, string? ToStatus, JsonElement? Detail, string Actor, DateTimeOffset OccurredAt);

/// <summary>One check's prices: the best that met every criterion and the best overall.</summary>
public sealed record PriceObservationResponse(DateTimeOffset ObservedAt, decimal? BestQualifying, decimal? BestOverall, string Currency, int OfferCount);

/// <summary>What the last search found and why it did (or did not) choose an offer.</summary>
public sealed record LatestSearchResponse(int Offers, int Qualifying, decimal? BestOverall, decimal? Chosen, string? Why, SearchedResponse? Searched,
    Core.Offers.OfferFacts? ChosenFacts = null);

/// <summary>What a check searched: one airport/date combination of the trip's rotation.</summary>
public sealed record SearchedResponse(string Origin, string Destination, DateOnly DepartureDate, DateOnly? ReturnDate, IReadOnlyList<string> Passengers);
