using System.Collections.Concurrent;
using System.Globalization;
using AutoBooking.Sandbox.Duffel;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox;

/// <summary>
/// The sandbox's fare book. Without instructions every route and date has an adult one-way fare derived from a
/// stable hash of origin, destination and date (150.00–900.00 GBP in economy, more in the higher cabins), so the
/// same search always finds the same prices. Tests pin what they need: an exact fare, no offers at all, or a
/// price change between search and booking.
/// <para>
/// Pricing rule. A slice's fare is per adult: a child pays <see cref="ChildShare"/> of it and an infant on a lap
/// (<c>infant_without_seat</c>) <see cref="InfantShare"/>, each share rounded to the penny. A return adds the
/// inbound slice, priced the same way from its own route and date (destination to origin on the return date).
/// The cheapest offer (BA) costs the sum over slices and passengers; the others cost a fixed 12% and 27% more.
/// So one adult one-way pays exactly the fare.
/// </para>
/// </summary>
public sealed class Fares
{
    public const string DefaultCurrency = "GBP";

    /// <summary>What a child (2–17, or typed <c>child</c>) pays of the adult fare.</summary>
    public const decimal ChildShare = 0.75m;

    /// <summary>What an infant on an adult's lap pays of the adult fare.</summary>
    public const decimal InfantShare = 0.10m;

    private readonly ConcurrentDictionary<(string Origin, string Destination, DateOnly Date), FareQuote> pinned = new();
    private readonly ConcurrentDictionary<(string Origin, string Destination), byte> soldOut = new();
    private readonly ConcurrentDictionary<string, decimal> repriced = new(StringComparer.Ordinal);
    private volatile Drift drift = Drift.None;

    /// <summary>
    /// Pins the adult fare of the slice from <paramref name="origin"/> to <paramref name="destination"/> on
    /// <paramref name="departureDate"/> when it is a search's first slice (the outbound of a return). The cheapest
    /// offer of a one-way search for one adult then costs exactly <paramref name="amount"/>; with more passengers it
    /// costs the amount times the passengers' shares (1 per adult, <see cref="ChildShare"/> per child,
    /// <see cref="InfantShare"/> per infant), and a return adds the inbound slice's hash-derived fare (in
    /// <paramref name="currency"/>) times the same shares. The other offers cost more. Also lifts
    /// <see cref="SetNoOffers"/> for the route. Applies to later searches only.
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

    /// <summary>
    /// Fares move: every hash-derived slice fare is multiplied by a factor within ±<paramref name="amplitude"/> (0.15 = ±15%),
    /// drawn from a stable hash of the slice and <paramref name="epoch"/>. Moving to the next epoch ("the market moved")
    /// gives every route and date a new price; the same epoch always gives the same one. Pinned fares do not drift.
    /// </summary>
    public void SetDrift(decimal amplitude, long epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amplitude);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(amplitude, 1m);
        drift = new Drift(amplitude, epoch);
    }

    /// <summary>Back to hash-derived fares everywhere.</summary>
    public void Clear()
    {
        pinned.Clear();
        soldOut.Clear();
        repriced.Clear();
        drift = Drift.None;
    }

    /// <summary>
    /// The cheapest offer's total for a whole search (every slice, every passenger; see the pricing rule on
    /// <see cref="Fares"/>), or null when a slice's route is sold out.
    /// </summary>
    internal FareQuote? Cheapest(IReadOnlyList<SliceQuery> slices, IReadOnlyList<PassengerQuery> passengers, string cabinClass)
    {
        if (slices.Any(s => soldOut.ContainsKey((s.Origin, s.Destination))))
        {
            return null;
        }
        var first = slices[0];
        var outbound = pinned.TryGetValue((first.Origin, first.Destination, first.DepartureDate), out var fare)
            ? fare
            : new FareQuote(HashedFare(first, cabinClass), DefaultCurrency);
        var current = drift;
        var adultFares = slices.Select((slice, i) => i == 0 && pinned.ContainsKey((slice.Origin, slice.Destination, slice.DepartureDate))
            ? outbound.Amount
            : current.Apply(HashedFare(slice, cabinClass), slice));
        var total = adultFares.Sum(adultFare => passengers.Sum(p => decimal.Round(adultFare * ShareOf(p), 2)));
        return outbound with { Amount = total };
    }

    private static decimal ShareOf(PassengerQuery passenger) => passenger.FareType switch
    {
        PassengerQuery.Infant => InfantShare,
        PassengerQuery.Child => ChildShare,
        _ => 1m,
    };

    private static decimal HashedFare(SliceQuery slice, string cabinClass) =>
        decimal.Round(HashedEconomyFare(slice) * CabinMultiplier(cabinClass), 2);

    internal decimal? RepricedTotal(string offerId) => repriced.TryGetValue(offerId, out var total) ? total : null;

    /// <summary>150.00–900.00, stable across runs and machines (string.GetHashCode is randomised per process).</summary>
    private static decimal HashedEconomyFare(SliceQuery slice)
    {
        var hash = StableHash.Of(string.Create(CultureInfo.InvariantCulture, $"{slice.Origin}|{slice.Destination}|{slice.DepartureDate:yyyy-MM-dd}"));
        return 150m + (hash % 75_001) / 100m;
    }

    private sealed record Drift(decimal Amplitude, long Epoch)
    {
        public static readonly Drift None = new(0m, 0);

        public decimal Apply(decimal fare, SliceQuery slice)
        {
            if (Amplitude == 0m)
            {
                return fare;
            }
            var hash = StableHash.Of(string.Create(CultureInfo.InvariantCulture, $"{slice.Origin}|{slice.Destination}|{slice.DepartureDate:yyyy-MM-dd}|{Epoch}"));
            // A share in [-1, 1] of the amplitude.
            var share = (hash % 20_001) / 10_000m - 1m;
            return decimal.Round(fare * (1m + Amplitude * share), 2);
        }
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
