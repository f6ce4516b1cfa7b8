using AutoBooking.Core.Messages;
using AutoBooking.Functions.Operations;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using AutoBooking.Infrastructure.Redis;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace AutoBooking.Functions.Monitor;

/// <summary>
/// Decides what is due and enqueues it; never calls a provider. A sweep drains: it claims batch after batch
/// (FOR UPDATE SKIP LOCKED, so overlapping sweeps and instances never claim the same trip) until nothing is due
/// or its time budget is spent, and sends each batch's messages in parallel. Due trips are grouped by the search
/// they make: one message per distinct search, whose run serves them all. Each claim carries a token, so a
/// message whose lease expired and was claimed again is skipped by the search stage instead of searching twice.
/// </summary>
public sealed partial class MonitorSweep(
    TripRepository trips, StageQueues queues, KillSwitch killSwitch, ProviderRateLimiter providerBudget, IOptions<MonitorOptions> options,
    TimeProvider clock, AutoBookingMetrics metrics, ILogger<MonitorSweep> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (!await killSwitch.AllowsBuyingAsync())
        {
            LogPipelineClosed(logger);
            return 0;
        }
        using var span = AutoBookingTracing.Source.StartActivity("monitor sweep");
        var monitor = options.Value;
        var started = clock.GetTimestamp();
        var budget = TimeSpan.FromSeconds(monitor.SweepBudgetSeconds);
        bool WithinBudget() => clock.GetElapsedTime(started) < budget;

        var expired = 0;
        int batch;
        do
        {
            batch = await trips.ExpireDueAsync(clock.GetUtcNow(), monitor.BatchSize, cancellationToken);
            expired += batch;
        }
        while (batch == monitor.BatchSize && WithinBudget());
        if (expired > 0)
        {
            LogExpired(logger, expired);
        }

        var claimed = 0;
        var searches = 0;
        var batches = 0;
        var lease = TimeSpan.FromMinutes(monitor.ClaimLeaseMinutes);
        // Never claim more than the shared provider budget has left: a short budget makes the sweep claim less.
        var available = await providerBudget.AvailableAsync(cancellationToken);
        if (available == 0)
        {
            LogBudgetSpent(logger);
        }
        SweepClaim claim = new(0, [], []);
        // The budget counts searches, not trips: a batch takes up to BatchSize due trips, but only as many distinct
        // searches as the budget has left, each with every due trip that shares it.
        while (available - searches > 0 && (batches == 0 || (claim.Full && WithinBudget())))
        {
            claim = await trips.ClaimDueSearchesAsync(clock.GetUtcNow(), monitor.BatchSize, available - searches, lease, cancellationToken);
            await EnqueueAsync(claim, monitor.EnqueueConcurrency, cancellationToken);
            claimed += claim.TripCount;
            searches += claim.Searches.Count + claim.Trips.Count;
            batches++;
        }
        var elapsed = clock.GetElapsedTime(started);
        var elapsedMs = (long)elapsed.TotalMilliseconds;
        metrics.SweepCompleted(claimed, elapsed);
        span?.SetTag("autobooking.sweep.trips", claimed);
        LogSwept(logger, claimed, searches, batches, elapsedMs);
        return claimed;
    }

    /// <summary>
    /// Sends a batch's messages (one per distinct search, one per trip without a search yet) with bounded concurrency.
    /// A send that fails leaves its claim in place until the lease ends; the next sweep claims again with a new token.
    /// </summary>
    private Task EnqueueAsync(SweepClaim claim, int concurrency, CancellationToken cancellationToken)
    {
        var messages = claim.Searches.Select(s => new SearchRequestMessage(s.TripId, Guid.NewGuid().ToString("N"), s.ClaimToken, s.Key))
            .Concat(claim.Trips.Select(t => new SearchRequestMessage(t.Id, Guid.NewGuid().ToString("N"), t.ClaimToken)));
        return Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (message, token) => await queues.EnqueueSearchAsync(message, token));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor sweep skipped: the kill switch is on")]
    private static partial void LogPipelineClosed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor sweep claims nothing: the provider search budget is spent")]
    private static partial void LogBudgetSpent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor sweep expired {TripCount} trip(s)")]
    private static partial void LogExpired(ILogger logger, int tripCount);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Monitor sweep claimed {TripCount} due trip(s) and enqueued {MessageCount} search(es) in {BatchCount} batch(es), {ElapsedMs} ms")]
    private static partial void LogSwept(ILogger logger, int tripCount, int messageCount, int batchCount, long elapsedMs);
}
