using System.Globalization;
using System.Text;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>The chaos runner's figures: runs, faults injected by kind, outcomes, violations per invariant (with a few examples).</summary>
public sealed class ChaosReport
{
    public int Runs { get; set; }

    public SortedDictionary<string, int> FaultsByKind { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> Violations { get; } = new(StringComparer.Ordinal);

    public List<string> Examples { get; } = [];

    public int TotalViolations => Violations.Values.Sum();

    public void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    public string ToMarkdown(int seed, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Chaos run: {Runs} bookings, seed {seed}, {elapsed.TotalMinutes:F1} min");
        text.AppendLine(c, $"Faults injected ({FaultsByKind.Values.Sum()}): {string.Join(", ", FaultsByKind.Select(f => $"{f.Key} {f.Value}"))}");
        text.AppendLine(c, $"Outcomes: {string.Join(", ", Outcomes.Select(o => $"{o.Key} {o.Value}"))}");
        text.AppendLine(c, $"Violations: {string.Join(", ", InvariantViolation.All.Select(i => $"[{i}] {Violations.GetValueOrDefault(i)}"))}");
        foreach (var example in Examples)
        {
            text.AppendLine("  " + example);
        }
        return text.ToString();
    }
}
