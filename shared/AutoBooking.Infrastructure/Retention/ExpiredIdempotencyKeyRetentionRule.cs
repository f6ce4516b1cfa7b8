using AutoBooking.Infrastructure.Postgres;
using Npgsql;

namespace AutoBooking.Infrastructure.Retention;

/// <summary>
/// Idempotency keys older than <see cref="IdempotencyClaims.Lifetime"/> answer nothing any more (a reuse claims them
/// afresh): they are deleted, oldest first.
/// </summary>
public sealed class ExpiredIdempotencyKeyRetentionRule(NpgsqlDataSource dataSource) : IRetentionRule
{
    private const string DeleteSql = """
        delete from idempotency_keys where (owner_id, operation, idempotency_key) in (
            select owner_id, operation, idempotency_key from idempotency_keys
            where created_at < @Cutoff
            order by created_at
            limit @BatchSize
            for update skip locked)
        """;

    public string Name => "expired_idempotency_keys";

    public Task<int> RunBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        RetentionBatch.ExecuteAsync(dataSource, DeleteSql, now - IdempotencyClaims.Lifetime, batchSize, cancellationToken);
}
