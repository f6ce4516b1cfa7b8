using System.Collections.Concurrent;
using System.Globalization;
using AutoBooking.Sandbox.Duffel;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox;

/// <summary>
/// The sandbox's fare book. Without instructions every route and date has a fare derived from a stable hash
/// of origin, destination and date (150.00–900.00 GBP in economy), so the same search always finds the same
/// prices. Tests pin what they need: an exact cheapest fare, no offers at all, or a price change between
/// search and booking. A fare is the total of the cheapest offer for the whole search (all passengers).
/// </summary>
public sealed class Fares
{
    public const string DefaultCurrency = "GBP";

    private readonly ConcurrentDictionary<(string Origin, string Destination, DateOnly Date), FareQuote> pinned = new();
    private readonly ConcurrentDictionary<(string Origin, string Destination), byte> soldOut = new();
    private readonly ConcurrentDictionary<string, decimal> repriced = new(StringComparer.Ordinal);

    /// <summary>
    /// Searches from <paramref name="origin"/> to <paramref name="destination"/> on <paramref name="departureDate"/>
    /// (the first slice, for a return) find a cheapest offer of exactly <paramref name="amount"/>; the other
    /// offers cost more. Also lifts <see cref="SetNoOffers"/> for the route. Applies to later searches only.
    /// </summary>
    public void SetFare(string origin, string destination, DateOnly departureDate, decimal amount, string currency = DefaultCurrency)
    {
        var route = Route(origin, destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentException("A fare has at most two decimals.", nameof(amount));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            throw new ArgumentException("A currency is an ISO 4217 code such as GBP.", nameof(currency));
        }
        pinned[(route.Origin, route.Destination, departureDate)] = new FareQuote(amount, currency.ToUpperInvariant());
        soldOut.TryRemove(route, out _);
    }

    /// <summary>Every search on this route, any date, finds no offers (until <see cref="SetFare"/> for it).</summary>
    public void SetNoOffers(string origin, string destination) => soldOut[Route(origin, destination)] = 0;

    /// <summary>
    /// The airline changed the price of an offer already found: fetching it shows <paramref name="newTotal"/>,
    /// and an order paying the old total is refused with 422 price_changed.
    /// </summary>
    public void RepriceOffer(string offerId, decimal newTotal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offerId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newTotal);
        repriced[offerId] = decimal.Round(newTotal, 2);
    }

    /// <summary>Back to hash-derived fares everywhere.</summary>
    public void Clear()
    {
        pinned.Clear();
        soldOut.Clear();
        repriced.Clear();
    }

    /// <summary>The cheapest total for a search, or null when the route is sold out.</summary>
    internal FareQuote? Cheapest(IReadOnlyList<SliceQuery> slices, string cabinClass)
    {
        if (slices.Any(s => soldOut.ContainsKey((s.Origin, s.Destination))))
        {
            return null;
        }
        var first = slices[0];
        if (pinned.TryGetValue((first.Origin, first.Destination, first.DepartureDate), out var fare))
        {
            return fare;
        }
        var total = slices.Sum(HashedEconomyFare) * CabinMultiplier(cabinClass);
        return new FareQuote(decimal.Round(total, 2), DefaultCurrency);
    }

    internal decimal? RepricedTotal(string offerId) => repriced.TryGetValue(offerId, out var total) ? total : null;

    /// <summary>150.00–900.00, stable across runs and machines (string.GetHashCode is randomised per process).</summary>
    private static decimal HashedEconomyFare(SliceQuery slice)
    {
        var hash = StableHash.Of(string.Create(CultureInfo.InvariantCulture, $"{slice.Origin}|{slice.Destination}|{slice.DepartureDate:yyyy-MM-dd}"));
        return 150m + (hash % 75_001) / 100m;
    }

    private static decimal CabinMultiplier(string cabinClass) => cabinClass switch
    {
        "premium_economy" => 1.7m,
        "business" => 3.4m,
        "first" => 6m,
        _ => 1m,
    };

    private static (string Origin, string Destination) Route(string origin, string destination)
    {
        return (Airport(origin, nameof(origin)), Airport(destination, nameof(destination)));

        static string Airport(string code, string name)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(code, name);
            var upper = code.ToUpperInvariant();
            return Iata.IsValid(upper) ? upper : throw new ArgumentException("An IATA airport code has three letters.", name);
        }
    }
}
