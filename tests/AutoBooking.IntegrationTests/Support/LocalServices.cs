using Azure.Storage.Queues;
using Npgsql;
using StackExchange.Redis;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Where the local PostgreSQL, Redis and Azurite are: the same settings infra/local/services.sh prints, read
/// from the environment when set. A missing service fails the tests with the command that starts it.
/// </summary>
public static class LocalServices
{
    private const string StartHint = "Start the local services with: bash infra/local/services.sh up";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool checkedReachable;

    public static string Postgres { get; } = Environment.GetEnvironmentVariable("Postgres__ConnectionString")
        ?? "Host=127.0.0.1;Port=54320;Username=autobooking;Password=autobooking;Database=autobooking";

    public static string Redis { get; } = Environment.GetEnvironmentVariable("Redis__ConnectionString") ?? "127.0.0.1:63790";

    public static string Storage { get; } = Environment.GetEnvironmentVariable("AzureWebJobsStorage") ?? "UseDevelopmentStorage=true";

    public static async Task EnsureReachableAsync()
    {
        // Hosts built inside libraries (the in-process Durable engine's sidecar) use Host.CreateDefaultBuilder,
        // which watches appsettings files; dozens of test hosts would exhaust the machine's inotify instances.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        await Gate.WaitAsync();
        try
        {
            if (checkedReachable)
            {
                return;
            }
            await CheckAsync("PostgreSQL", async () =>
            {
                await using var connection = new NpgsqlConnection(Postgres);
                await connection.OpenAsync();
            });
            await CheckAsync("Redis", async () =>
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis + ",connectTimeout=3000,abortConnect=true");
                await redis.GetDatabase().PingAsync();
            });
            await CheckAsync("Azurite", async () =>
            {
                var client = new QueueServiceClient(Storage, new QueueClientOptions { Retry = { MaxRetries = 0 } });
                await client.GetPropertiesAsync();
            });
            checkedReachable = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task CheckAsync(string name, Func<Task> probe)
    {
        try
        {
            await probe().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{name} is not reachable ({ex.GetType().Name}: {ex.Message}). {StartHint}", ex);
        }
    }
}
