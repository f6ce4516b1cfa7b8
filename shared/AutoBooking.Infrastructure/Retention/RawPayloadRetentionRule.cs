using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoBooking.Infrastructure.Retention;

/// <summary>
/// The provider's raw offer payloads are for support only (nothing in the pipeline reads them): once an offer was last
/// seen more than <c>Retention:RawPayloadHours</c> ago, its payload is dropped, from a trip's chosen offer (<c>offers</c>,
/// kept otherwise, also when a booking used it) and from a search's stored offers (<c>search_offers</c>) alike.
/// </summary>
public sealed class RawPayloadRetentionRule(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options) : IRetentionRule
{
    private const string DropOffersSql = """
        update offers set raw = null where id in (
            select id from offers
            where raw is not null and last_seen_at < @Cutoff
            order by last_seen_at
            limit @BatchSize
            for update skip locked)
        """;

    private const string DropSearchOffersSql = """
        update search_offers set raw = null where (search_key, provider_offer_id) in (
            select search_key, provider_offer_id from search_offers
            where raw is not null and seen_at < @Cutoff
            order by seen_at
            limit @BatchSize
            for update skip locked)
        """;

    public string Name => "raw_payloads";

    public async Task<int> RunBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var cutoff = now.AddHours(-options.Value.RawPayloadHours);
        var offers = await RetentionBatch.ExecuteAsync(dataSource, DropOffersSql, cutoff, batchSize, cancellationToken);
        var searchOffers = await RetentionBatch.ExecuteAsync(dataSource, DropSearchOffersSql, cutoff, batchSize, cancellationToken);
        // The job runs another batch while this returns a full one; at worst that is one more pass that finds nothing.
        return offers + searchOffers;
    }
}
