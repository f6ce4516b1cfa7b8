using AutoBooking.Core.Messages;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Pipeline;

/// <summary>
/// Decides what is due and enqueues it; never calls a provider. Trips are claimed with
/// FOR UPDATE SKIP LOCKED, so overlapping sweeps never claim the same trip.
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
        var expired = await trips.ExpireDueAsync(clock.GetUtcNow(), monitor.BatchSize, cancellationToken);
        if (expired > 0)
        {
            LogExpired(logger, expired);
        }
        var claimed = await trips.ClaimDueAsync(clock.GetUtcNow(), monitor.BatchSize, TimeSpan.FromMinutes(monitor.ClaimLeaseMinutes), cancellationToken);
        foreach (var tripId in claimed)
        {
            await queues.EnqueueSearchAsync(new SearchRequestMessage(tripId, Guid.NewGuid().ToString("N")), cancellationToken);
        }
        LogSwept(logger, claimed.Count);
        return claimed.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor sweep skipped: the auto-booking pipeline is switched off")]
    private static partial void LogPipelineClosed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor sweep expired {TripCount} trip(s)")]
    private static partial void LogExpired(ILogger logger, int tripCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor sweep enqueued {TripCount} search(es)")]
    private static partial void LogSwept(ILogger logger, int tripCount);
}
