using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoBooking.Infrastructure.Retention;

/// <summary>
/// A search's stored offers (<c>search_offers</c>, shared by every trip that makes the search) expired more than
/// <c>Retention:ExpiredOfferDays</c> ago are deleted. Nothing financial refers to them: an offer a trip is about to buy
/// is copied into <c>offers</c> (kept by <see cref="ExpiredOfferRetentionRule"/> while an attempt uses it).
/// </summary>
public sealed class ExpiredSearchOfferRetentionRule(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options) : IRetentionRule
{
    private const string DeleteSql = """
        delete from search_offers where (search_key, provider_offer_id) in (
            select search_key, provider_offer_id from search_offers
            where expires_at < @Cutoff
            order by expires_at
            limit @BatchSize
            for update skip locked)
        """;

    public string Name => "expired_search_offers";

    public Task<int> RunBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        RetentionBatch.ExecuteAsync(dataSource, DeleteSql, now.AddDays(-options.Value.ExpiredOfferDays), batchSize, cancellationToken);
}
