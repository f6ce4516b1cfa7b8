namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// The country of the airports the sandbox knows by name, to tell a domestic route from an international one
/// (Duffel's airport resource carries <c>iata_country_code</c>). An airport not listed is taken to be abroad from
/// every other, so an unknown route counts as international, the case where airlines ask for passports.
/// </summary>
internal static class AirportCountries
{
    private static readonly Dictionary<string, string> Countries = new(StringComparer.Ordinal)
    {
        ["LHR"] = "GB", ["LGW"] = "GB", ["STN"] = "GB", ["LTN"] = "GB", ["LCY"] = "GB", ["MAN"] = "GB", ["EDI"] = "GB", ["GLA"] = "GB", ["BHX"] = "GB",
        ["JFK"] = "US", ["EWR"] = "US", ["LGA"] = "US", ["BOS"] = "US", ["ORD"] = "US", ["LAX"] = "US", ["SFO"] = "US", ["MIA"] = "US",
        ["ATL"] = "US", ["SEA"] = "US", ["DFW"] = "US", ["IAD"] = "US",
        ["CDG"] = "FR", ["ORY"] = "FR", ["NCE"] = "FR", ["AMS"] = "NL", ["DUB"] = "IE", ["FRA"] = "DE", ["MUC"] = "DE", ["MAD"] = "ES",
        ["BCN"] = "ES", ["FCO"] = "IT", ["DXB"] = "AE", ["HND"] = "JP", ["NRT"] = "JP", ["SYD"] = "AU",
    };

    public static string? Of(string iataCode) => Countries.TryGetValue(iataCode, out var country) ? country : null;

    public static bool IsInternational(string origin, string destination) =>
        Of(origin) is not { } from || Of(destination) is not { } to || from != to;
}
