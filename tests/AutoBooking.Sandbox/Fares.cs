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
/// inbound slice, priced the same way from its own route and date (destination to origin on the return date), pinned or not.
/// The cheapest offer (BA) costs the sum over slices and passengers; the others cost a fixed 12% and 27% more.
/// So one adult one-way pays exactly the fare.
/// </para>
/// <para>
/// Tests must not lean on the hash-derived fares: a test whose outcome depends on a fare pins it. <see cref="Unpinned"/>
/// replaces the hash with the extremes (or another salt) to prove it, see <see cref="UnpinnedFares"/>.
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
    private volatile UnpinnedFares unpinned = UnpinnedFares.Hashed;

    /// <summary>
    /// How slices nobody pinned are priced (hash-derived unless a test run asks otherwise, see <see cref="UnpinnedFares"/>).
    /// <see cref="Clear"/> leaves it as it is.
    /// </summary>
    public UnpinnedFares Unpinned
    {
        get => unpinned;
        set => unpinned = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Pins the adult fare of every slice from <paramref name="origin"/> to <paramref name="destination"/> on
    /// <paramref name="departureDate"/>: the outbound of a one-way or return search, or the inbound of a return (pin
    /// destination→origin on the return date). The cheapest offer of a one-way search for one adult then costs exactly
    /// <paramref name="amount"/>; with more passengers it costs the amount times the passengers' shares (1 per adult,
    /// <see cref="ChildShare"/> per child, <see cref="InfantShare"/> per infant), and a return adds its inbound slice's fare
    /// (pinned, or else hash-derived) times the same shares. The offers are priced in the outbound slice's currency
    /// (<paramref name="currency"/> when the outbound is pinned, else <see cref="DefaultCurrency"/>). The other offers cost
    /// more. Also lifts <see cref="SetNoOffers"/> for the route. Applies to later searches only.
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
        var currency = pinned.TryGetValue((first.Origin, first.Destination, first.DepartureDate), out var outbound)
            ? outbound.Currency
            : DefaultCurrency;
        var current = drift;
        var adultFares = slices.Select(slice => pinned.TryGetValue((slice.Origin, slice.Destination, slice.DepartureDate), out var fare)
            ? fare.Amount
            : current.Apply(HashedFare(slice, cabinClass), slice));
        var total = adultFares.Sum(adultFare => passengers.Sum(p => decimal.Round(adultFare * ShareOf(p), 2)));
        return new FareQuote(total, currency);
    }

    private static decimal ShareOf(PassengerQuery passenger) => passenger.FareType switch
    {
        PassengerQuery.Infant => InfantShare,
        PassengerQuery.Child => ChildShare,
        _ => 1m,
    };

    private decimal HashedFare(SliceQuery slice, string cabinClass) =>
        decimal.Round(UnpinnedEconomyFare(slice) * CabinMultiplier(cabinClass), 2);

    private decimal UnpinnedEconomyFare(SliceQuery slice)
    {
        var mode = unpinned;
        return mode.Mode switch
        {
            UnpinnedFareMode.Lowest => UnpinnedFares.LowestFare,
            UnpinnedFareMode.Highest => UnpinnedFares.HighestFare,
            _ => HashedEconomyFare(slice, mode.Salt),
        };
    }

    internal decimal? RepricedTotal(string offerId) => repriced.TryGetValue(offerId, out var total) ? total : null;

    /// <summary>150.00–900.00, stable across runs and machines (string.GetHashCode is randomised per process).</summary>
    private static decimal HashedEconomyFare(SliceQuery slice, string salt)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{slice.Origin}|{slice.Destination}|{slice.DepartureDate:yyyy-MM-dd}");
        var hash = StableHash.Of(salt.Length == 0 ? key : key + "|" + salt);
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
