using AutoBooking.Infrastructure.Options;
using StackExchange.Redis;

namespace AutoBooking.Infrastructure.Redis;

/// <summary>
/// The one Redis connection. Redis only saves work here (shared searches, a start lock in front of Postgres), so
/// the app must start and serve without it: the multiplexer never aborts on a failed first connect, keeps
/// reconnecting in the background, and fails commands at once while disconnected, so callers fall back straight
/// away instead of queueing behind a dead server.
/// </summary>
public static class RedisConnection
{
    public static IConnectionMultiplexer Connect(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = ConfigurationOptions.Parse(options.ConnectionString);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = options.ConnectTimeoutMilliseconds;
        return ConnectionMultiplexer.Connect(configuration);
    }
}
