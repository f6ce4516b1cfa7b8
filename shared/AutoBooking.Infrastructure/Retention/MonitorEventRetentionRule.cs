using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoBooking.Infrastructure.Retention;

/// <summary>
/// The monitor's audit events (<c>search_completed</c>: a check's verdict changed) older than
/// <c>Retention:MonitorEventDays</c> are deleted. Kept whatever their age: the events of a trip that made a booking
/// attempt (they explain the offer the money moved for) and every other kind of event (state transitions, payments).
/// A trip's latest check stays in <c>trip_checks</c> and its price history in <c>price_observations</c>.
/// </summary>
public sealed class MonitorEventRetentionRule(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options) : IRetentionRule
{
    private const string DeleteSql = """
        delete from trip_events where id in (
            select e.id from trip_events e
            where e.kind = 'search_completed' and e.occurred_at < @Cutoff
              and not exists (select 1 from booking_attempts a where a.trip_id = e.trip_id)
            order by e.occurred_at
            limit @BatchSize
            for update skip locked)
        """;

    public string Name => "monitor_events";

    public Task<int> RunBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        RetentionBatch.ExecuteAsync(dataSource, DeleteSql, now.AddDays(-options.Value.MonitorEventDays), batchSize, cancellationToken);
}
