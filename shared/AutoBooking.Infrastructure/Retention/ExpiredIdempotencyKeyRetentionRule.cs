using AutoBooking.Infrastructure.Postgres;
using Dapper;
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

    public async Task<int> RunBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql,
            new { Cutoff = now - IdempotencyClaims.Lifetime, BatchSize = batchSize }, cancellationToken: cancellationToken));
    }
}
