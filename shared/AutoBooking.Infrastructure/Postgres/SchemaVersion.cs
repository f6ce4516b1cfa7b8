using System.Reflection;
using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>
/// Compares the migrations this build carries with those DbUp recorded as applied (its <c>schemaversions</c>
/// journal). The app never migrates itself (that is the deploy's <c>migrate</c> step); it only checks, so a
/// schema that is behind shows up in the logs and on the health endpoint instead of in failing queries.
/// </summary>
public sealed class SchemaVersion(NpgsqlDataSource dataSource)
{
    private const string AppliedScriptsSql = "select scriptname from schemaversions";

    /// <summary>The embedded migration scripts, named as DbUp journals them (the manifest resource names).</summary>
    public static IReadOnlyList<string> ExpectedScripts { get; } = typeof(SchemaVersion).Assembly.GetManifestResourceNames()
        .Where(IsMigration)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The scripts not applied yet (empty when the schema is current). Throws when Postgres cannot be reached.</summary>
    public async Task<IReadOnlyList<string>> PendingScriptsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        HashSet<string> applied;
        try
        {
            applied = (await connection.QueryAsync<string>(new CommandDefinition(AppliedScriptsSql, cancellationToken: cancellationToken)))
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Never migrated: no journal yet.
            applied = [];
        }
        return ExpectedScripts.Where(script => !applied.Contains(script)).ToArray();
    }

    internal static bool IsMigration(string resourceName) => resourceName.EndsWith(".sql", StringComparison.Ordinal);

    internal static Assembly ScriptAssembly => typeof(SchemaVersion).Assembly;
}
