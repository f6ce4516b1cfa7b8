using Npgsql;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// PostgreSQL unreachable for one test database, for real: the database stops accepting connections and every open
/// one (the app's pooled connections included) is terminated, so the app sees the errors a failover or an outage gives
/// it (57P01 on a pooled connection, 55000 on a new one). <see cref="EndAsync"/> lets connections in again and clears
/// the test's own connection pool (<paramref name="testConnectionString"/>).
/// </summary>
public sealed class PostgresOutage(string databaseName, string testConnectionString)
{
    private int active;

    public bool Active => Volatile.Read(ref active) == 1;

    /// <summary>How many times the outage began.</summary>
    public int Began { get; private set; }

    public async Task BeginAsync()
    {
        if (Interlocked.Exchange(ref active, 1) == 1)
        {
            return;
        }
        Began++;
        await using var admin = new NpgsqlConnection(LocalServices.Postgres);
        await admin.OpenAsync();
        await using (var deny = new NpgsqlCommand($"alter database {databaseName} allow_connections false", admin))
        {
            await deny.ExecuteNonQueryAsync();
        }
        await using var kill = new NpgsqlCommand(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = @db and pid <> pg_backend_pid()", admin);
        kill.Parameters.AddWithValue("db", databaseName);
        await kill.ExecuteScalarAsync();
    }

    public async Task EndAsync()
    {
        if (Interlocked.Exchange(ref active, 0) == 0)
        {
            return;
        }
        await using var admin = new NpgsqlConnection(LocalServices.Postgres);
        await admin.OpenAsync();
        await using var allow = new NpgsqlCommand($"alter database {databaseName} allow_connections true", admin);
        await allow.ExecuteNonQueryAsync();
        // The test's own pooled connections died with the outage; the app's pool is left to find out for itself.
        await using var test = new NpgsqlConnection(testConnectionString);
        NpgsqlConnection.ClearPool(test);
    }
}
