using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Traveler profiles, owner-scoped. Only ciphertext goes in and out; the API layer protects and unprotects.</summary>
public sealed class TravelerRepository(NpgsqlDataSource dataSource)
{
    private const string InsertSql = """
        insert into travelers (id, owner_id, protected, key_version, created_at, updated_at)
        values (@Id, @OwnerId, @Protected, @KeyVersion, @Now, @Now)
        returning *
        """;

    private const string ListSql = """
        select * from travelers where owner_id = @OwnerId and (@Before::uuid is null or id < @Before) order by id desc limit @Limit
        """;

    private const string GetSql = "select * from travelers where id = @Id and owner_id = @OwnerId";

    private const string UpdateSql = """
        update travelers set protected = @Protected, key_version = @KeyVersion, version = version + 1, updated_at = @Now
        where id = @Id and owner_id = @OwnerId and (@ExpectedVersion::int is null or version = @ExpectedVersion)
        returning *
        """;

    private const string DeleteSql = "delete from travelers where id = @Id and owner_id = @OwnerId";

    private const string CountSql = "select count(*) from travelers where owner_id = @OwnerId";

    /// <summary>
    /// Stores the profile unless its owner already has <paramref name="maxPerOwner"/>, or <paramref name="idempotency"/>'s key
    /// was used before (the outcome then names the first request's profile, or says the key was reused). Key claim, count
    /// and insert run in one transaction under the owner's lock (<see cref="OwnerLock"/>): concurrent creates cannot pass the
    /// limit, one key makes one profile, and nothing is stored while an erasure of the owner is under way.
    /// </summary>
    public async Task<CreateOutcome> TryCreateAsync(Guid id, string ownerId, string protectedValue, DateTimeOffset now, int maxPerOwner,
        IdempotencyClaim? idempotency, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await OwnerLock.TakeAsync(connection, transaction, ownerId, now, cancellationToken))
        {
            return CreateOutcome.ErasureInProgress;
        }
        if (await IdempotencyClaims.ClaimAsync(connection, transaction, idempotency, id, now, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, new { OwnerId = ownerId }, transaction,
                cancellationToken: cancellationToken)) >= maxPerOwner)
        {
            return CreateOutcome.LimitReached;
        }
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id, OwnerId = ownerId, Protected = protectedValue, KeyVersion = KeyVersionOf(protectedValue), Now = now,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new CreateOutcome(CreateStatus.Created, id);
    }

    public async Task<int> CountAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, new { OwnerId = ownerId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<TravelerRecord>> ListAsync(string ownerId, int limit, Guid? before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TravelerRecord>(new CommandDefinition(ListSql,
            new { OwnerId = ownerId, Limit = limit, Before = before }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<TravelerRecord?> GetAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TravelerRecord>(new CommandDefinition(GetSql,
            new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the profile; null when it does not exist for this owner or <paramref name="expectedVersion"/> is stale.</summary>
    public async Task<TravelerRecord?> UpdateAsync(Guid id, string ownerId, string protectedValue, int? expectedVersion, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<TravelerRecord>(new CommandDefinition(UpdateSql, new
        {
            Id = id, OwnerId = ownerId, Protected = protectedValue, KeyVersion = KeyVersionOf(protectedValue),
            ExpectedVersion = expectedVersion, Now = now,
        }, cancellationToken: cancellationToken));
    }

    public async Task<bool> DeleteAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken)) == 1;
    }

    private static string KeyVersionOf(string protectedValue) => protectedValue[..protectedValue.IndexOf('.', StringComparison.Ordinal)];
}
