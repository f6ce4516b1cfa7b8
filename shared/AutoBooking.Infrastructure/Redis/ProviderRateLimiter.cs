using System.Globalization;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace AutoBooking.Infrastructure.Redis;

/// <summary>
/// The provider search budget every instance shares (DESIGN §6): a Redis fixed window of
/// <see cref="MonitorOptions.ProviderSearchesPerMinute"/> (RedisRateLimiting), and what Duffel itself last said in its
/// <c>ratelimit-remaining</c> / <c>ratelimit-reset</c> headers. A search runs only with a permit; the sweep claims no
/// more than the budget has left, so a short budget makes the monitor slower, never louder.
/// </summary>
public sealed partial class ProviderRateLimiter : IAsyncDisposable, IDisposable
{
    private readonly IConnectionMultiplexer redis;
    private readonly RedisFixedWindowRateLimiter<string> window;
    private readonly RedisKey reportedKey;
    private readonly TimeProvider clock;
    private readonly ILogger<ProviderRateLimiter> logger;

    public ProviderRateLimiter(
        IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<MonitorOptions> monitorOptions, TimeProvider clock,
        ILogger<ProviderRateLimiter> logger)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(monitorOptions);
        this.redis = redis;
        this.clock = clock;
        this.logger = logger;
        var prefix = redisOptions.Value.KeyPrefix;
        window = new RedisFixedWindowRateLimiter<string>(prefix + "duffel:searches", new RedisFixedWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis,
            PermitLimit = monitorOptions.Value.ProviderSearchesPerMinute,
            Window = TimeSpan.FromMinutes(1),
        });
        reportedKey = new RedisKey(prefix + "duffel:ratelimit");
    }

    /// <summary>Takes a permit for one provider search; false when our window or Duffel's own budget is spent.</summary>
    public async Task<bool> TryAcquireSearchAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await ReportedRemainingAsync() is 0)
            {
                return false;
            }
            using var lease = await window.AcquireAsync(1, cancellationToken);
            return lease.IsAcquired;
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            // The budget is a cost guard: without Redis, searches go on and Duffel's own 429s still hold them back.
            LogRedisUnavailable(logger, exception);
            return true;
        }
    }

    /// <summary>How many provider searches may start now: what is left of our window and of Duffel's (when it said).</summary>
    public async Task<int> AvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Asking for no permit reads the window without spending from it.
            using var lease = await window.AcquireAsync(0, cancellationToken);
            var ours = lease.TryGetMetadata(RateLimitMetadataName.Remaining.Name, out var remaining) && remaining is not null
                ? (int)Math.Min(int.MaxValue, Convert.ToInt64(remaining, CultureInfo.InvariantCulture))
                : int.MaxValue;
            return Math.Min(ours, await ReportedRemainingAsync() ?? int.MaxValue);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogRedisUnavailable(logger, exception);
            return int.MaxValue;
        }
    }

    /// <summary>Remembers, for every instance, what Duffel said is left until its window resets.</summary>
    public async Task RecordAsync(int remaining, DateTimeOffset reset)
    {
        var ttl = reset - clock.GetUtcNow();
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            await redis.GetDatabase().StringSetAsync(reportedKey, remaining, ttl);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogRedisUnavailable(logger, exception);
        }
    }

    private async Task<int?> ReportedRemainingAsync()
    {
        var value = await redis.GetDatabase().StringGetAsync(reportedKey);
        return value.IsNullOrEmpty ? null : (int)value;
    }

    public ValueTask DisposeAsync() => window.DisposeAsync();

    /// <summary>For containers disposed synchronously (the limiter holds no unmanaged state of its own).</summary>
    public void Dispose() => window.Dispose();

    [LoggerMessage(EventId = Alerts.RedisSearchBudget.Id, Level = Alerts.RedisSearchBudget.Level, Message = Alerts.RedisSearchBudget.Message)]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);
}
