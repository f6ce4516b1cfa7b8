using System.Data.Common;
using Dapper;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// Claims an <see cref="IdempotencyClaim"/> inside the transaction that creates the resource: the primary key
/// (owner, operation, key) decides, so of any number of simultaneous requests with one key exactly one creates; the
/// others wait for its transaction and then read what it made. A key older than <see cref="Lifetime"/> is free again.
/// </summary>
public static class IdempotencyClaims
{
    /// <summary>How long a key answers with its first request's resource (Stripe's window too).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const string ClaimSql = """
        insert into idempotency_keys (owner_id, operation, idempotency_key, request_hash, resource_id, created_at)
        values (@OwnerId, @Operation, @Key, @RequestHash, @ResourceId, @Now)
        on conflict (owner_id, operation, idempotency_key) do update
            set request_hash = excluded.request_hash, resource_id = excluded.resource_id, created_at = excluded.created_at
            where idempotency_keys.created_at < @ExpiredBefore
        returning true
        """;

    private const string ExistingSql = """
        select request_hash, resource_id from idempotency_keys
        where owner_id = @OwnerId and operation = @Operation and idempotency_key = @Key
        """;

    /// <summary>
    /// Claims the key for <paramref name="resourceId"/>: null when claimed (go on and create), otherwise the outcome
    /// to answer without creating (<see cref="CreateStatus.Replayed"/> or <see cref="CreateStatus.KeyReused"/>).
    /// </summary>
    public static async Task<CreateOutcome?> ClaimAsync(DbConnection connection, DbTransaction transaction, IdempotencyClaim? claim,
        Guid resourceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (claim is null)
        {
            return null;
        }
        var parameters = new
        {
            claim.OwnerId, claim.Operation, claim.Key, claim.RequestHash, ResourceId = resourceId, Now = now, ExpiredBefore = now - Lifetime,
        };
        if (await connection.ExecuteScalarAsync<bool?>(new CommandDefinition(ClaimSql, parameters, transaction, cancellationToken: cancellationToken)) is true)
        {
            return null;
        }
        var (hash, existing) = await connection.QuerySingleAsync<(byte[] RequestHash, Guid ResourceId)>(
            new CommandDefinition(ExistingSql, parameters, transaction, cancellationToken: cancellationToken));
        return hash.AsSpan().SequenceEqual(claim.RequestHash) ? new CreateOutcome(CreateStatus.Replayed, existing) : CreateOutcome.KeyReused;
    }
}
