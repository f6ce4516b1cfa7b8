using System.Globalization;

namespace AutoBooking.MonitorBenchmark;

/// <summary>
/// The run's parameters: <c>--trips 100000 --searches 2000 --days 1 --drift 0.15 --workers 8 --seed 7 --limits 0.4-0.9</c>.
/// <c>--limits</c>: each cloned trip's price limit as a share of the cheapest fare seen for searches like its next one.
/// </summary>
public sealed record BenchmarkSettings(int Trips, int Searches, double Days, decimal Drift, int Workers, int Seed, int DriftHours,
    decimal LimitLow = 0.4m, decimal LimitHigh = 0.9m)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
        var limits = Get("limits", "0.4-0.9").Split('-');
        var settings = new BenchmarkSettings(
            int.Parse(Get("trips", "10000"), CultureInfo.InvariantCulture),
            int.Parse(Get("searches", "200"), CultureInfo.InvariantCulture),
            double.Parse(Get("days", "1"), CultureInfo.InvariantCulture),
            decimal.Parse(Get("drift", "0.15"), CultureInfo.InvariantCulture),
            int.Parse(Get("workers", "8"), CultureInfo.InvariantCulture),
            int.Parse(Get("seed", "7"), CultureInfo.InvariantCulture),
            int.Parse(Get("drift-hours", "6"), CultureInfo.InvariantCulture))
        {
            LimitLow = decimal.Parse(limits[0], CultureInfo.InvariantCulture),
            LimitHigh = decimal.Parse(limits[1], CultureInfo.InvariantCulture),
        };
        if (settings.LimitLow <= 0 || settings.LimitHigh < settings.LimitLow)
        {
            throw new ArgumentException("Need --limits low-high with 0 < low <= high, e.g. 0.4-0.9.");
        }
        if (settings.Searches < 1 || settings.Trips < settings.Searches)
        {
            throw new ArgumentException("Need --searches >= 1 and --trips >= --searches.");
        }
        return settings;
    }
}
