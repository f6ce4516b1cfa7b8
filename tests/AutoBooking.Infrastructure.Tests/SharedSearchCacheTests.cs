using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>Sharing searches only saves money: without Redis every trip still gets exactly one search of its own.</summary>
public class SharedSearchCacheTests
{
    private static readonly FlightSearch Search = new("LHR", "JFK", new DateOnly(2027, 1, 10), null, [SearchPassenger.Adult], "economy", 1);

    [Fact]
    public async Task RedisUnreachable_SearchesOnceWithoutSharing()
    {
        // Nothing listens on port 1; abortConnect=false gives a multiplexer whose every command fails.
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=500,asyncTimeout=500");
        var cache = new SharedSearchCache(unreachable, Microsoft.Extensions.Options.Options.Create(new RedisOptions { ConnectionString = "127.0.0.1:1", KeyPrefix = "t:" }),
            Microsoft.Extensions.Options.Options.Create(new MonitorOptions()), TimeProvider.System, NullLogger<SharedSearchCache>.Instance);
        var calls = 0;
        var expected = new FlightSearchResult("orq_1", []);

        var (result, shared) = await cache.SearchAsync(Search, _ =>
        {
            calls++;
            return Task.FromResult(expected);
        }, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Same(expected, result);
        Assert.False(shared);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task SharingOff_AlwaysSearches()
    {
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        var cache = new SharedSearchCache(unreachable, Microsoft.Extensions.Options.Options.Create(new RedisOptions { ConnectionString = "127.0.0.1:1", KeyPrefix = "t:" }),
            Microsoft.Extensions.Options.Options.Create(new MonitorOptions { SharedSearchSeconds = 0 }), TimeProvider.System, NullLogger<SharedSearchCache>.Instance);
        var calls = 0;

        for (var i = 0; i < 2; i++)
        {
            await cache.SearchAsync(Search, _ => Task.FromResult(new FlightSearchResult($"orq_{++calls}", [])), TimeSpan.Zero, CancellationToken.None);
        }

        Assert.Equal(2, calls);
    }
}
