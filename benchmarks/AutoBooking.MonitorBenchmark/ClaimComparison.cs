using System.Diagnostics;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.MonitorBenchmark;

/// <summary>
/// The same due backlog claimed three ways, reset in between: the raw SQL claim (one statement per batch, no grouping),
/// the sweep's claim by search without sending, and the real sweep (claim and enqueue); then the backlog's searches run.
/// </summary>
public sealed class ClaimComparison(PipelineHarness harness, Db db, MonitorDriver driver, BenchmarkReport report)
{
    private const int BatchSize = 5000;

    public async Task RunAsync(long trips)
    {
        var repository = harness.Get<TripRepository>();
        var lease = TimeSpan.FromMinutes(15);
        var now = harness.Clock.GetUtcNow();
        await ResetAsync(now);

        var watch = Stopwatch.StartNew();
        long raw = 0;
        int batch;
        while ((batch = (await repository.ClaimDueBatchAsync(now, BatchSize, lease, CancellationToken.None)).Count) > 0)
        {
            raw += batch;
        }
        report.RawClaim(raw, watch.Elapsed);

        await ResetAsync(now);
        watch.Restart();
        long grouped = 0;
        while ((batch = (await repository.ClaimDueSearchesAsync(now, BatchSize, int.MaxValue, lease, CancellationToken.None)).TripCount) > 0)
        {
            grouped += batch;
        }
        report.GroupedClaim(grouped, watch.Elapsed);

        await ResetAsync(now);
        var searchesDue = await db.ScalarAsync<long>("select count(distinct search_key) from trip_requests where status = 'watching'");
        var checksBefore = await db.ScalarAsync<long>("select sum(checks_made)::bigint from trip_requests");
        var providerBefore = harness.Sandbox.Ledger.OfferRequests.Count;
        watch.Restart();
        var swept = await driver.SweepAsync();
        var sweepTime = watch.Elapsed;
        var messages = await harness.SearchQueue.GetPropertiesAsync();
        report.Sweep(swept, trips, messages.Value.ApproximateMessagesCount, sweepTime);
        await driver.DrainSearchesAsync();
        // Up to the booking queue: taking the booking requests off it stands in for the saga and is not timed.
        var elapsed = watch.Elapsed;
        var booked = await driver.DrainBookingsAsync();
        var checks = await db.ScalarAsync<long>("select sum(checks_made)::bigint from trip_requests") - checksBefore;
        report.Backlog(checks, elapsed, harness.Sandbox.Ledger.OfferRequests.Count - providerBefore, searchesDue, booked);
    }

    private async Task ResetAsync(DateTimeOffset now)
    {
        await db.ExecuteAsync("update trip_requests set next_check_at = @now, claim_token = null where status = 'watching'", new { now });
        await db.ExecuteAsync("update searches set claim_token = null, lease_until = null");
        await db.ExecuteAsync("vacuum analyze trip_requests");
    }
}
