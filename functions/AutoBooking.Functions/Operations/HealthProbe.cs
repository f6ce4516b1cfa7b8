using AutoBooking.Infrastructure.Postgres;
using StackExchange.Redis;

namespace AutoBooking.Functions.Operations;

/// <summary>
/// Checks the dependencies every stage needs: Postgres (and that its schema is as new as this build), and Redis.
/// Reports up/down per dependency, never error text. Nothing here is cached: a migrated schema or a recovered
/// server shows as healthy on the next probe, without a restart.
/// </summary>
public sealed class HealthProbe(SchemaVersion schema, IConnectionMultiplexer redis)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var pending = await ProbeAsync(() => schema.PendingScriptsAsync(cancellationToken));
        var redisUp = await ProbeAsync(async () => (object)await redis.GetDatabase().PingAsync()) is not null;
        var postgres = pending is null ? "down" : "up";
        var schemaState = pending switch
        {
            null => "unknown",
            { Count: 0 } => "current",
            _ => "behind",
        };
        return new HealthReport(pending is { Count: 0 } && redisUp, postgres, redisUp ? "up" : "down", schemaState);
    }

    /// <summary>The check's result, or null when the dependency failed or did not answer in time.</summary>
    private static async Task<T?> ProbeAsync<T>(Func<Task<T>> check)
        where T : class
    {
        try
        {
            return await check().WaitAsync(Timeout);
        }
#pragma warning disable CA1031 // A health probe reports any failure of a dependency as "down"; that is its job.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}

/// <summary>What <c>GET /api/health</c> answers: overall health, Postgres and Redis up/down, schema current/behind/unknown.</summary>
public sealed record HealthReport(bool Healthy, string Postgres, string Redis, string Schema);
