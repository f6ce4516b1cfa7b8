using AutoBooking.IntegrationTests.Support;

namespace AutoBooking.MonitorBenchmark;

/// <summary>Bytes on disk (heap, indexes, TOAST) of the tables the monitor writes, and the checks made so far.</summary>
public sealed class StorageMeter(Db db)
{
    public static readonly string[] MonitorTables =
        ["trip_requests", "trip_checks", "searches", "search_offers", "search_rotations", "price_observations", "trip_events", "offers"];

    public async Task<Dictionary<string, long>> SizesAsync()
    {
        var sizes = new Dictionary<string, long>();
        foreach (var table in MonitorTables)
        {
            sizes[table] = await db.ScalarAsync<long>($"select pg_total_relation_size('{table}')");
        }
        return sizes;
    }

    public Task<long> ChecksAsync() => db.ScalarAsync<long>("select coalesce(sum(checks_made), 0)::bigint from trip_requests");
}
