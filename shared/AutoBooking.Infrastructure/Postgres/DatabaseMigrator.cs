using AutoBooking.Infrastructure.Options;
using DbUp;
using DbUp.Postgresql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// Applies the embedded SQL migrations with DbUp: the deploy's <c>migrate</c> step (never the app's start-up,
/// which only checks <see cref="SchemaVersion"/>). Two deploys or test fixtures may migrate at once, so the
/// upgrade runs under a Postgres advisory lock: the first applies, the others find nothing to do.
/// </summary>
public sealed partial class DatabaseMigrator(IOptions<PostgresOptions> options, ILogger<DatabaseMigrator> logger)
{
    // Arbitrary, fixed: identifies "AutoBooking schema migration" among advisory locks.
    private const long MigrationLockKey = 0x4155544F424F4F4B;

    /// <summary>Applies what is pending and returns how many scripts that was.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        // Through the data source, so the migrate step signs in exactly as the app does (a password, or an Entra token).
        await using var dataSource = PostgresDataSourceFactory.Create(options.Value);
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("select pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", MigrationLockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(new PostgresqlConnectionManager(dataSource))
                .WithScriptsEmbeddedInAssembly(SchemaVersion.ScriptAssembly, SchemaVersion.IsMigration)
                .WithTransactionPerScript()
                .LogToNowhere()
                .Build();

            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Database migration failed in {result.ErrorScript?.Name}.", result.Error);
            }
            var applied = result.Scripts.Count();
            LogMigrated(logger, applied);
            return applied;
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated: {ScriptCount} script(s) applied")]
    private static partial void LogMigrated(ILogger logger, int scriptCount);
}
