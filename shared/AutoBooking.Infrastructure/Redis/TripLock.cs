using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AutoBooking.Infrastructure.Redis;

/// <summary>
/// A short Redis lock per trip around the start of a booking (StackExchange.Redis's own LockTake/LockRelease),
/// so two booking messages for one trip never race into Postgres at the same time. Postgres stays the
/// authority: the lock only spares it the contention. So when Redis is unreachable the start goes on without
/// the lock (the compare-and-set watching → booking and the unique active-attempt index still admit one).
/// </summary>
public sealed partial class TripLock(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<TripLock> logger)
{
    /// <summary>A handle to dispose when done, or null when another start holds the trip.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(Guid tripId)
    {
        var key = new RedisKey($"{options.Value.KeyPrefix}lock:trip:{tripId:N}");
        var token = Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        try
        {
            var taken = await database.LockTakeAsync(key, token, TimeSpan.FromSeconds(options.Value.TripLockSeconds));
            return taken ? new Releaser(database, key, token) : null;
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogRedisUnavailable(logger, tripId, exception);
            return NoLock.Instance;
        }
    }

    [LoggerMessage(EventId = Alerts.RedisTripLock.Id, Level = Alerts.RedisTripLock.Level, Message = Alerts.RedisTripLock.Message)]
    private static partial void LogRedisUnavailable(ILogger logger, Guid tripId, Exception exception);

    private sealed class Releaser(IDatabase database, RedisKey key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await database.LockReleaseAsync(key, token);
            }
            catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
            {
                // Redis went away meanwhile: the lock expires by itself after TripLockSeconds.
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
