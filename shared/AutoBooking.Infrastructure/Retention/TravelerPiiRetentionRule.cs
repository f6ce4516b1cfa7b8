using AutoBooking.Infrastructure.Options;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoBooking.Infrastructure.Retention;

/// <summary>
/// Traveler PII of a finished trip (booked, cancelled, expired, failed) is anonymised <c>Retention:TravelerPiiDays</c>
/// after its last possible flight day: the latest departure plus the longest return stay, never earlier than the
/// real last flight. The financial records stay; the trip records <c>personal_data_erased</c> (reason retention).
/// </summary>
public sealed class TravelerPiiRetentionRule(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options) : IRetentionRule
{
    // SKIP LOCKED: a trip another transaction holds (an erasure, a webhook) is taken next time. The expression is the
    // one ix_trip_requests_pii_retention indexes.
    private const string AnonymiseSql = """
        with due as (
            select id from trip_requests
            where pii_erased_at is null and status in ('booked', 'cancelled', 'expired', 'failed')
              and (coalesce(latest_departure_date, departure_date) + coalesce(return_max_nights, 0)) < @Cutoff
            order by (coalesce(latest_departure_date, departure_date) + coalesce(return_max_nights, 0))
            limit @BatchSize
            for update skip locked),
        anonymised as (
            update trip_requests t
            set traveler_protected = null, companions_protected = null, pii_erased_at = @Now, version = t.version + 1, updated_at = @Now
            from due where t.id = due.id
            returning t.id)
        insert into trip_events (trip_id, kind, detail, actor, occurred_at)
        select id, 'personal_data_erased', '{"reason":"retention"}'::jsonb, 'retention', @Now from anonymised
        """;

    public string Name => "traveler_pii";

    public async Task<int> RunBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        // A last flight day D is kept through D + TravelerPiiDays, and anonymised from the day after.
        var cutoff = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-options.Value.TravelerPiiDays);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(AnonymiseSql,
            new { Cutoff = cutoff, Now = now, BatchSize = batchSize }, cancellationToken: cancellationToken));
    }
}
