using System.Globalization;
using AutoBooking.Core.Ports;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>A row of <c>searches</c>: one distinct provider search, its claim and when it last ran.</summary>
public sealed class SearchRecord
{
    public string Key { get; init; } = "";
    public string Origin { get; init; } = "";
    public string Destination { get; init; } = "";
    public DateOnly DepartureDate { get; init; }
    public DateOnly? ReturnDate { get; init; }
    public string Cabin { get; init; } = "";
    public int MaxConnections { get; init; }

    /// <summary>Passengers in order: "adult" or an age in years (no PII).</summary>
    public string PassengerMix { get; init; } = "";
    public Guid? ClaimToken { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public DateTimeOffset? SearchedAt { get; init; }
    public string? OfferRequestId { get; init; }
    public DateTimeOffset? OffersExpireAt { get; init; }
    public int OfferCount { get; init; }

    public FlightSearch ToFlightSearch() => new(Origin, Destination, DepartureDate, ReturnDate,
        [.. PassengerMix.Split(',').Select(p => p == "adult" ? SearchPassenger.Adult : new SearchPassenger(int.Parse(p, CultureInfo.InvariantCulture)))],
        Cabin, MaxConnections);

    public static string MixOf(FlightSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return string.Join(',', search.Passengers.Select(p => p.Age?.ToString(CultureInfo.InvariantCulture) ?? "adult"));
    }
}
