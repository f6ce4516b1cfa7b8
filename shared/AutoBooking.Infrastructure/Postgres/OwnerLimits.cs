using System.Data.Common;
using Dapper;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// Per-owner limits (active trips, traveler profiles, saved cards) are count-then-insert: two statements, a race.
/// The owner's transaction-scoped advisory lock makes them one decision: concurrent creates for one owner queue on
/// it, each counts what the previous committed, and the lock goes with the transaction (no cleanup, no stuck lock).
/// Two owners whose keys hash alike only wait for each other; they never share a count.
/// </summary>
public static class OwnerLimits
{
    private const string LockSql = "select pg_advisory_xact_lock(hashtext(@Key))";

    public static Task LockAsync(DbConnection connection, DbTransaction transaction, string table, string ownerId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(LockSql, new { Key = table + ":" + ownerId }, transaction, cancellationToken: cancellationToken));
}
