using System.Data.Common;
using Dapper;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// One lock per owner for every change to what they own: trip, profile and card creates (count-then-insert, a race
/// on its own), resume, and erasure. Concurrent changes of one owner queue on a transaction-scoped advisory lock, each
/// sees what the previous committed, and the lock goes with the transaction (no cleanup, no stuck lock). Taking it first,
/// before any row lock, keeps the order the same everywhere (no deadlock). Two owners whose ids hash alike only wait
/// for each other; they never share a count.
/// </summary>
public static class OwnerLock
{
    /// <summary>
    /// How long an unfinished erasure holds off the owner's creates. Past it (the caller never retried a 503) the
    /// erasure counts as abandoned: the owner may create again, and a later erasure starts over.
    /// </summary>
    public static readonly TimeSpan ErasureLease = TimeSpan.FromMinutes(10);

    private const string LockSql = "select pg_advisory_xact_lock(hashtext('owner:' || @OwnerId))";

    // A statement of its own, after the lock: in read committed each statement sees what committed before it began.
    private const string ErasingSql = """
        select exists (select 1 from erasures_in_progress where owner_id = @OwnerId and started_at > @StaleBefore)
        """;

    /// <summary>
    /// Takes the owner's lock for the rest of <paramref name="transaction"/>; true when an erasure of the owner is
    /// under way (started, Stripe not finished yet): nothing new may be stored for them until it ends.
    /// </summary>
    public static async Task<bool> TakeAsync(DbConnection connection, DbTransaction transaction, string ownerId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var parameters = new { OwnerId = ownerId, StaleBefore = now - ErasureLease };
        await connection.ExecuteAsync(new CommandDefinition(LockSql, parameters, transaction, cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ErasingSql, parameters, transaction, cancellationToken: cancellationToken));
    }
}
