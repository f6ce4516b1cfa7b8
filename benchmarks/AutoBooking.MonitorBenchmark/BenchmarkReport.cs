using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AutoBooking.MonitorBenchmark;

/// <summary>Collects the figures and prints them against the targets.</summary>
public sealed class BenchmarkReport(BenchmarkSettings settings)
{
    private readonly StringBuilder lines = new();
    private double rawRate;
    private long dueSearchesTotal;
    private long simulatedProviderSearches;

    public long ProviderSearches => simulatedProviderSearches;

    public long Booked { get; private set; }

    public static async Task TimeAsync(string what, Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        Console.WriteLine($"{what}: {watch.Elapsed.TotalSeconds:0.0} s");
    }

    public void RawClaim(long trips, TimeSpan elapsed)
    {
        rawRate = trips / elapsed.TotalSeconds;
        Add($"Raw SQL claim (ClaimDueSql, batches of 5000): {trips} trips in {elapsed.TotalSeconds:0.00} s = {rawRate:0} trips/s");
    }

    public void GroupedClaim(long trips, TimeSpan elapsed)
    {
        var rate = trips / elapsed.TotalSeconds;
        Add($"Sweep claim by search (ClaimDueSearchesAsync, no sends): {trips} trips in {elapsed.TotalSeconds:0.00} s = {rate:0} trips/s; ÷ raw = {rate / rawRate:0.00}");
    }

    public void Sweep(int claimed, long trips, int messages, TimeSpan elapsed)
    {
        var rate = claimed / elapsed.TotalSeconds;
        Add($"Sweep (claim + enqueue): {claimed} of {trips} due trips claimed, {messages} messages, in {elapsed.TotalSeconds:0.00} s "
            + $"= {rate:0} trips/s; ÷ raw = {rate / rawRate:0.00} (target: 100k in ≤ 60 s)");
    }

    public void Backlog(long checks, TimeSpan elapsed, int providerSearches, long dueSearches, int booked) =>
        Add($"Backlog end to end (sweep, {settings.Workers} search workers, fan-out, booking requests queued): {checks} checks in {elapsed.TotalSeconds:0.0} s = "
            + $"{checks / elapsed.TotalSeconds:0} checks/s (target ≥ 300); {providerSearches} provider searches for {dueSearches} distinct due searches; {booked} booked");

    public void SimulatedSweep(long dueSearches, int providerSearches, int booked)
    {
        dueSearchesTotal += dueSearches;
        simulatedProviderSearches += providerSearches;
        Booked += booked;
    }

    public void SimulationDone(long checks, TimeSpan elapsed, TimeSpan simulated)
    {
        Add($"Simulated {simulated.TotalDays:0.##} day(s), a sweep every 10 min: {checks} checks in {elapsed.TotalSeconds:0.0} s of work = {checks / Math.Max(elapsed.TotalSeconds, 0.001):0} checks/s");
        Add($"Provider searches ÷ distinct due searches, summed over sweeps: {simulatedProviderSearches} ÷ {dueSearchesTotal} = "
            + $"{(double)simulatedProviderSearches / Math.Max(dueSearchesTotal, 1):0.000} (target ≤ 1.0)");
        Add($"Booked trips: {Booked}; provider searches per booked trip: "
            + (Booked == 0 ? "n/a (none booked)" : (simulatedProviderSearches / (double)Booked).ToString("0.0", CultureInfo.InvariantCulture)) + " (target ≤ 100)");
    }

    public void Storage(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, long checks)
    {
        var total = after.Sum(a => a.Value - before[a.Key]);
        Add($"DB growth over the simulation: {total / 1024.0 / 1024.0:0.0} MB for {checks} checks = {(double)total / Math.Max(checks, 1):0} bytes/check (target ≤ 600)");
        foreach (var (table, size) in after.OrderByDescending(a => a.Value - before[a.Key]))
        {
            Add($"    {table,-20} {(size - before[table]) / 1024.0:0} KB ({(double)(size - before[table]) / Math.Max(checks, 1):0} B/check)");
        }
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"== Monitor benchmark: {settings.Trips} trips, {settings.Searches} searches, {settings.Days} day(s), drift ±{settings.Drift:P0} every {settings.DriftHours} h, limits {settings.LimitLow:P0}–{settings.LimitHigh:P0} of fares seen ==");
        Console.Write(lines.ToString());
    }

    private void Add(string line)
    {
        Console.WriteLine(line);
        lines.AppendLine(line);
    }
}
