using AutoBooking.Core.Messages;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Pipeline;

/// <summary>
/// Decides what is due and enqueues it; never calls a provider. A sweep drains: it claims batch after batch
/// (FOR UPDATE SKIP LOCKED, so overlapping sweeps and instances never claim the same trip) until nothing is due
/// or its time budget is spent, and sends each batch's messages in parallel. Each claim carries a token, so a
/// message whose lease expired and was claimed again is skipped by the search stage instead of searching twice.
/// </summary>
public sealed partial class MonitorSweep(
    TripRepository trips, StageQueues queues, PipelineSwitch pipeline, IOptions<MonitorOptions> options,
    TimeProvider clock, ILogger<MonitorSweep> logger)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (!await pipeline.IsOpenAsync())
        {
            LogPipelineClosed(logger);
            return 0;
        }
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
        var batches = 0;
        var lease = TimeSpan.FromMinutes(monitor.ClaimLeaseMinutes);
        IReadOnlyList<ClaimedTrip> claims;
        do
        {
            claims = await trips.ClaimDueBatchAsync(clock.GetUtcNow(), monitor.BatchSize, lease, cancellationToken);
            await EnqueueAsync(claims, monitor.EnqueueConcurrency, cancellationToken);
            claimed += claims.Count;
            batches++;
        }
        while (claims.Count == monitor.BatchSize && WithinBudget());
        var elapsedMs = (long)clock.GetElapsedTime(started).TotalMilliseconds;
        LogSwept(logger, claimed, batches, elapsedMs);
        return claimed;
    }

    /// <summary>
    /// Sends a batch's search messages with bounded concurrency. A send that fails leaves its trip claimed until the
    /// lease ends; the next sweep claims it again with a new token.
    /// </summary>
    private Task EnqueueAsync(IReadOnlyList<ClaimedTrip> claims, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(claims, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (claim, token) => await queues.EnqueueSearchAsync(
                new SearchRequestMessage(claim.Id, Guid.NewGuid().ToString("N"), claim.ClaimToken), token));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor sweep skipped: the auto-booking pipeline is switched off")]
    private static partial void LogPipelineClosed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor sweep expired {TripCount} trip(s)")]
    private static partial void LogExpired(ILogger logger, int tripCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor sweep enqueued {TripCount} search(es) in {BatchCount} batch(es), {ElapsedMs} ms")]
    private static partial void LogSwept(ILogger logger, int tripCount, int batchCount, long elapsedMs);
}
