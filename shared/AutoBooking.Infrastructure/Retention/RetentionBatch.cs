using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Retention;

/// <summary>
/// Runs one bounded retention statement with <c>@Cutoff</c> and <c>@BatchSize</c>, on its own connection (so its own
/// short transaction); returns the rows it changed. What the rules whose batch is "older than a cutoff" share.
/// </summary>
internal static class RetentionBatch
{
    public static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, string sql, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Cutoff = cutoff, BatchSize = batchSize }, cancellationToken: cancellationToken));
    }
}
