namespace AutoBooking.Core.Trips;

/// <summary>One provider search: outbound on <see cref="DepartureDate"/>, and back on <see cref="ReturnDate"/> for a return trip.</summary>
public sealed record PlannedSearch(string Origin, string Destination, DateOnly DepartureDate, DateOnly? ReturnDate)
{
    /// <summary>The date of the last flight: passengers' ages are counted on it (Duffel's rule).</summary>
    public DateOnly FinalDate => ReturnDate ?? DepartureDate;
}

/// <summary>
/// Which provider search a trip's next check makes. A trip may name alternative airports, a departure window and
/// a range of stay lengths; searching every combination at every check would multiply provider searches
/// (DESIGN §6), so each check searches the next combination in a fixed rotation and the whole set is covered
/// every <see cref="Combinations"/>.Count checks.
/// </summary>
public static class SearchPlan
{
    /// <summary>Most combinations one trip may rotate over (at one check every 10 minutes, a day's worth).</summary>
    public const int MaxCombinations = 144;

    /// <summary>Dates first, then stay lengths, then origins, then destinations.</summary>
    public static IReadOnlyList<PlannedSearch> Combinations(
        IReadOnlyList<string> origins, IReadOnlyList<string> destinations, DateOnly earliest, DateOnly latest, ReturnStay? stay = null)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(destinations);
        int?[] nights = stay is null ? [null] : [.. Enumerable.Range(stay.MinNights, stay.MaxNights - stay.MinNights + 1).Select(n => (int?)n)];
        var combinations = new List<PlannedSearch>();
        for (var date = earliest; date <= latest; date = date.AddDays(1))
        {
            foreach (var night in nights)
            {
                foreach (var origin in origins)
                {
                    foreach (var destination in destinations.Where(d => d != origin))
                    {
                        combinations.Add(new PlannedSearch(origin, destination, date, night is int n ? date.AddDays(n) : null));
                    }
                }
            }
        }
        return combinations;
    }

    /// <summary>How many combinations there are, without listing them.</summary>
    public static long Count(int origins, int destinations, DateOnly earliest, DateOnly latest, ReturnStay? stay) =>
        (long)origins * destinations * (latest.DayNumber - earliest.DayNumber + 1) * (stay is null ? 1 : stay.MaxNights - stay.MinNights + 1);

    /// <summary>The combination for check number <paramref name="round"/> (0, 1, 2, … wrapping around).</summary>
    public static PlannedSearch ForRound(
        IReadOnlyList<string> origins, IReadOnlyList<string> destinations, DateOnly earliest, DateOnly latest, int round, ReturnStay? stay = null)
    {
        var combinations = Combinations(origins, destinations, earliest, latest, stay);
        return combinations[(int)((uint)round % (uint)combinations.Count)];
    }
}
