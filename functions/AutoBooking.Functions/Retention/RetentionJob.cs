using System.Diagnostics;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Retention;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Retention;

/// <summary>
/// Runs every registered <see cref="IRetentionRule"/>, batch after batch, within <c>Retention:BudgetSeconds</c>, and
/// logs each rule's figures. A failing rule does not stop the others; the run then fails so the host records it
/// (and the <c>retention-failed</c> alert fires). Rerunning is harmless: every rule is idempotent.
/// </summary>
public sealed partial class RetentionJob(
    IEnumerable<IRetentionRule> rules, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
{
    /// <summary>Rows changed per rule name.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var deadline = clock.GetUtcNow().AddSeconds(settings.BudgetSeconds);
        var figures = new Dictionary<string, int>(StringComparer.Ordinal);
        var failed = new List<string>();
        foreach (var rule in rules)
        {
            var watch = Stopwatch.StartNew();
            var (rows, batches) = (0, 0);
            try
            {
                int changed;
                do
                {
                    changed = await rule.RunBatchAsync(clock.GetUtcNow(), settings.BatchSize, cancellationToken);
                    rows += changed;
                    batches++;
                }
                while (changed >= settings.BatchSize && clock.GetUtcNow() < deadline);
                LogRule(logger, rule.Name, rows, batches, watch.ElapsedMilliseconds, changed >= settings.BatchSize);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, rule.Name, rows, batches);
                failed.Add(rule.Name);
            }
            figures[rule.Name] = rows;
        }
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"Retention rules failed: {string.Join(", ", failed)}.");
        }
        return figures;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention rule {Rule}: {Rows} rows in {Batches} batches ({ElapsedMilliseconds} ms); more left for the next run: {MoreLeft}")]
    private static partial void LogRule(ILogger logger, string rule, int rows, int batches, long elapsedMilliseconds, bool moreLeft);

    [LoggerMessage(EventId = Alerts.RetentionFailed.Id, Level = Alerts.RetentionFailed.Level, Message = Alerts.RetentionFailed.Message)]
    private static partial void LogFailed(ILogger logger, Exception exception, string rule, int rows, int batches);
}
