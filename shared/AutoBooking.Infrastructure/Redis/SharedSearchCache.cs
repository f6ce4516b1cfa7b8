using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AutoBooking.Infrastructure.Redis;

/// <summary>
/// Coalesces identical provider searches (DESIGN §6): trips that search the same thing — airports, dates, cabin,
/// connections and passenger mix — share one Duffel offer request while its offers are valid. The first caller
/// takes a short Redis lock (StackExchange.Redis's LockTake) and searches; the others wait briefly for its
/// result instead of searching again. Results hold no PII (passenger types and ages only) and are only ever a
/// shortlist: a booking re-prices its offer with the provider before any money moves.
/// </summary>
public sealed partial class SharedSearchCache(
    IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<MonitorOptions> monitorOptions, TimeProvider clock,
    ILogger<SharedSearchCache> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The search's result and whether it came from another trip's identical search.</summary>
    public async Task<(FlightSearchResult Result, bool Shared)> SearchAsync(
        FlightSearch search, Func<CancellationToken, Task<FlightSearchResult>> searchProvider, TimeSpan offerExpiryBuffer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(searchProvider);
        var options = monitorOptions.Value;
        if (options.SharedSearchSeconds == 0)
        {
            return (await searchProvider(cancellationToken), false);
        }
        // Sharing only saves money: when Redis is unreachable the trip still gets its own search (exactly one).
        FlightSearchResult? own = null;
        try
        {
            return await SearchSharedAsync(search, async token => own = await searchProvider(token), offerExpiryBuffer, options, cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogRedisUnavailable(logger, exception);
            return (own ?? await searchProvider(cancellationToken), false);
        }
    }

    private async Task<(FlightSearchResult Result, bool Shared)> SearchSharedAsync(
        FlightSearch search, Func<CancellationToken, Task<FlightSearchResult>> searchProvider, TimeSpan offerExpiryBuffer, MonitorOptions options,
        CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var key = KeyFor(search);
        if (await ReadAsync(database, key) is { } cached)
        {
            return (cached, true);
        }
        var lockKey = new RedisKey(key.ToString() + ":lock");
        var token = Guid.NewGuid().ToString("N");
        var waitUntil = clock.GetUtcNow().AddSeconds(options.SharedSearchWaitSeconds);
        while (!await database.LockTakeAsync(lockKey, token, TimeSpan.FromSeconds(options.SharedSearchWaitSeconds + 30)))
        {
            // Another trip is making this very search: use its result when it lands, or search ourselves after a while.
            if (clock.GetUtcNow() >= waitUntil)
            {
                LogWaitedInVain(logger);
                return (await searchProvider(cancellationToken), false);
            }
            await Task.Delay(PollInterval, cancellationToken);
            if (await ReadAsync(database, key) is { } landed)
            {
                return (landed, true);
            }
        }
        try
        {
            if (await ReadAsync(database, key) is { } justLanded)
            {
                return (justLanded, true);
            }
            var result = await searchProvider(cancellationToken);
            var ttl = TimeToLive(result, options.SharedSearchSeconds, offerExpiryBuffer);
            if (ttl > TimeSpan.Zero)
            {
                await database.StringSetAsync(key, JsonSerializer.Serialize(result), ttl);
            }
            return (result, false);
        }
        finally
        {
            await database.LockReleaseAsync(lockKey, token);
        }
    }

    /// <summary>At most the configured time, and never past the moment the first offer stops being buyable.</summary>
    private TimeSpan TimeToLive(FlightSearchResult result, int maxSeconds, TimeSpan offerExpiryBuffer)
    {
        var ttl = TimeSpan.FromSeconds(maxSeconds);
        if (result.Offers.Count > 0)
        {
            var firstExpiry = result.Offers.Min(o => o.Candidate.ExpiresAt) - offerExpiryBuffer - clock.GetUtcNow();
            ttl = firstExpiry < ttl ? firstExpiry : ttl;
        }
        return ttl;
    }

    private static async Task<FlightSearchResult?> ReadAsync(IDatabase database, RedisKey key)
    {
        var value = await database.StringGetAsync(key);
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<FlightSearchResult>(value.ToString());
    }

    /// <summary>A hash of the search's canonical form (no PII in it anyway: only ages).</summary>
    private RedisKey KeyFor(FlightSearch search)
    {
        var canonical = string.Join('|', search.Origin, search.Destination, search.DepartureDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            search.ReturnDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "-", search.Cabin, search.MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join(',', search.Passengers.Select(p => p.Age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "adult")));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return new RedisKey($"{redisOptions.Value.KeyPrefix}search:v1:{hash}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable: searching without sharing")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An identical search did not finish in time; searching separately")]
    private static partial void LogWaitedInVain(ILogger logger);
}
