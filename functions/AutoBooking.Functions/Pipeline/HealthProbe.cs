using Dapper;
using Npgsql;
using StackExchange.Redis;

namespace AutoBooking.Functions.Pipeline;

/// <summary>Checks the dependencies every stage needs. Reports up/down per dependency, never error text.</summary>
public sealed class HealthProbe(NpgsqlDataSource postgres, IConnectionMultiplexer redis)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var postgresUp = await UpAsync(async () =>
        {
            await using var connection = await postgres.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>("select 1");
        });
        var redisUp = await UpAsync(() => redis.GetDatabase().PingAsync());
        return new HealthReport(postgresUp && redisUp, postgresUp ? "up" : "down", redisUp ? "up" : "down");
    }

    private static async Task<bool> UpAsync(Func<Task> check)
    {
        try
        {
            await check().WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
#pragma warning disable CA1031 // A health probe reports any failure of a dependency as "down"; that is its job.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}

public sealed record HealthReport(bool Healthy, string Postgres, string Redis);
