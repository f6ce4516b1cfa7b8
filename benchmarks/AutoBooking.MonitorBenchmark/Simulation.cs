using System.Diagnostics;
using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.MonitorBenchmark;

/// <summary>
/// Real-time cadence in simulated time: every 10 simulated minutes one sweep, then the search and booking queues are
/// drained; fares drift to a new epoch every <see cref="BenchmarkSettings.DriftHours"/> simulated hours.
/// </summary>
public sealed class Simulation(PipelineHarness harness, Db db, MonitorDriver driver, StorageMeter meter, BenchmarkReport report, BenchmarkSettings settings)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    public async Task RunAsync()
    {
        var sweeps = (int)Math.Round(settings.Days * 24 * 6);
        var simulated = TimeSpan.Zero;
        var watch = new Stopwatch();
        var checksAtStart = await meter.ChecksAsync();
        for (var sweep = 1; sweep <= sweeps; sweep++)
        {
            harness.Clock.Advance(SweepEvery);
            simulated += SweepEvery;
            harness.Sandbox.Fares.SetDrift(settings.Drift, (long)(simulated.TotalHours / settings.DriftHours) + 1);
            var now = harness.Clock.GetUtcNow();
            var dueSearches = await db.ScalarAsync<long>(
                "select count(distinct coalesce(search_key, id::text)) from trip_requests where status = 'watching' and next_check_at <= @now", new { now });
            var providerBefore = harness.Sandbox.Ledger.OfferRequests.Count;
            watch.Start();
            await driver.SweepAsync();
            await driver.DrainSearchesAsync();
            watch.Stop();
            var booked = await driver.DrainBookingsAsync();
            report.SimulatedSweep(dueSearches, harness.Sandbox.Ledger.OfferRequests.Count - providerBefore, booked);
            if (sweep % 36 == 0 || sweep == sweeps)
            {
                var checks = await meter.ChecksAsync() - checksAtStart;
                Console.WriteLine($"  {simulated.TotalHours,6:0} h simulated: {checks} checks in {watch.Elapsed.TotalSeconds:0} s ({checks / Math.Max(watch.Elapsed.TotalSeconds, 0.001):0} /s), {report.ProviderSearches} provider searches, {report.Booked} booked");
            }
        }
        report.SimulationDone(await meter.ChecksAsync() - checksAtStart, watch.Elapsed, simulated);
    }
}
