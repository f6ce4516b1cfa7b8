using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AutoBooking.Infrastructure.Redis;

/// <summary>
/// A short Redis lock per trip around the start of a booking (StackExchange.Redis's own LockTake/LockRelease),
/// so two booking messages for one trip never race into Postgres at the same time. Postgres stays the
/// authority: the lock only spares it the contention.
/// </summary>
public sealed class TripLock(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(Guid tripId)
    {
        var key = new RedisKey($"{options.Value.KeyPrefix}lock:trip:{tripId:N}");
        var token = Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        var taken = await database.LockTakeAsync(key, token, TimeSpan.FromSeconds(options.Value.TripLockSeconds));
        return taken ? new Releaser(database, key, token) : null;
    }

    private sealed class Releaser(IDatabase database, RedisKey key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.LockReleaseAsync(key, token);
    }
}
