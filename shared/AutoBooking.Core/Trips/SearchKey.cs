using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AutoBooking.Core.Ports;

namespace AutoBooking.Core.Trips;

/// <summary>
/// The identity of a provider search (DESIGN §6: the search is the unit of work): a hash of its canonical form —
/// airports, dates, cabin, connections and passenger mix (ages only, no PII). Trips whose searches have the same key
/// share one provider search per check window.
/// </summary>
public static class SearchKey
{
    public static string For(FlightSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var canonical = string.Join('|', search.Origin, search.Destination, Iso(search.DepartureDate), search.ReturnDate is { } back ? Iso(back) : "-",
            search.Cabin, search.MaxConnections.ToString(CultureInfo.InvariantCulture),
            string.Join(',', search.Passengers.Select(p => p.Age?.ToString(CultureInfo.InvariantCulture) ?? "adult")));
        return Hash(canonical);
    }

    /// <summary>
    /// The key of a rotation set: every trip with these alternative airports, this departure window and these stay
    /// lengths rotates over the same combinations, so they share one rotation anchor and search in step.
    /// </summary>
    public static string ForRotation(IReadOnlyList<string> origins, IReadOnlyList<string> destinations, DateOnly earliest, DateOnly latest, ReturnStay? stay)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(destinations);
        return Hash(string.Join('|', string.Join(',', origins), string.Join(',', destinations), Iso(earliest), Iso(latest),
            stay is null ? "-" : $"{stay.MinNights}-{stay.MaxNights}"));
    }

    private static string Iso(DateOnly date) => date.ToString("O", CultureInfo.InvariantCulture);

    private static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}
