using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoBooking.Infrastructure.Retention;

/// <summary>
/// Offers (with their raw provider payloads) expired more than <c>Retention:ExpiredOfferDays</c> ago are deleted,
/// except an offer a booking attempt used: it belongs to the attempt's financial record.
/// </summary>
public sealed class ExpiredOfferRetentionRule(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options) : IRetentionRule
{
    private const string DeleteSql = """
        delete from offers where id in (
            select o.id from offers o
            where o.expires_at < @Cutoff and not exists (select 1 from booking_attempts a where a.offer_id = o.id)
            order by o.expires_at
            limit @BatchSize
            for update skip locked)
        """;

    public string Name => "expired_offers";

    public Task<int> RunBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        RetentionBatch.ExecuteAsync(dataSource, DeleteSql, now.AddDays(-options.Value.ExpiredOfferDays), batchSize, cancellationToken);
}
