namespace AutoBooking.Core.Trips;

/// <summary>
/// Which provider search a trip's next check makes. A trip may name alternative airports and a departure window;
/// searching every combination at every check would multiply provider searches (DESIGN §6), so each check
/// searches the next combination in a fixed rotation and a whole window is covered every few checks.
/// </summary>
public static class SearchPlan
{
    public static IReadOnlyList<(string Origin, string Destination, DateOnly Date)> Combinations(
        IReadOnlyList<string> origins, IReadOnlyList<string> destinations, DateOnly earliest, DateOnly latest)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(destinations);
        var combinations = new List<(string, string, DateOnly)>();
        for (var date = earliest; date <= latest; date = date.AddDays(1))
        {
            foreach (var origin in origins)
            {
                foreach (var destination in destinations.Where(d => d != origin))
                {
                    combinations.Add((origin, destination, date));
                }
            }
        }
        return combinations;
    }

    /// <summary>The combination for check number <paramref name="round"/> (0, 1, 2, … wrapping around).</summary>
    public static (string Origin, string Destination, DateOnly Date) ForRound(
        IReadOnlyList<string> origins, IReadOnlyList<string> destinations, DateOnly earliest, DateOnly latest, int round)
    {
        var combinations = Combinations(origins, destinations, earliest, latest);
        return combinations[(int)((uint)round % (uint)combinations.Count)];
    }
}
