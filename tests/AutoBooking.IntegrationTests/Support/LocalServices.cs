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

    /// <summary>The ports in this checkout's <c>.local/ports.env</c> (found from the test binaries up to AutoBooking.sln), read once. Declared before the settings below: static initializers run in order.</summary>
    private static readonly Lazy<Dictionary<string, int>> RecordedPorts = new(() =>
    {
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AutoBooking.sln")))
        {
            root = root.Parent;
        }
        var file = root is null ? null : Path.Combine(root.FullName, ".local", "ports.env");
        if (file is not null && File.Exists(file))
        {
            foreach (var pair in File.ReadLines(file).Select(line => line.Split('=', 2)))
            {
                if (pair.Length == 2 && int.TryParse(pair[1], System.Globalization.CultureInfo.InvariantCulture, out var port))
                {
                    ports[pair[0]] = port;
                }
            }
        }
        return ports;
    });

    public static string Postgres { get; } = Environment.GetEnvironmentVariable("Postgres__ConnectionString")
        ?? $"Host=127.0.0.1;Port={Port("AB_PG_PORT", 54320)};Username=autobooking;Password=autobooking;Database=autobooking";

    public static string Redis { get; } = Environment.GetEnvironmentVariable("Redis__ConnectionString") ?? $"127.0.0.1:{Port("AB_REDIS_PORT", 63790)}";

    public static string Storage { get; } = Environment.GetEnvironmentVariable("AzureWebJobsStorage")
        ?? "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
        + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"BlobEndpoint=http://127.0.0.1:{Port("AB_AZURITE_BLOB_PORT", 10000)}/devstoreaccount1;"
        + $"QueueEndpoint=http://127.0.0.1:{Port("AB_AZURITE_QUEUE_PORT", 10001)}/devstoreaccount1;"
        + $"TableEndpoint=http://127.0.0.1:{Port("AB_AZURITE_TABLE_PORT", 10002)}/devstoreaccount1;";

    /// <summary>
    /// Without the exported settings (a bare <c>dotnet test</c>), the port this checkout's services use: the AB_*_PORT
    /// variable, else what <c>services.sh up</c> recorded in <c>.local/ports.env</c> (it moves off a default another
    /// clone holds), else the default. So a bare run never reaches another clone's services.
    /// </summary>
    private static int Port(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.CultureInfo.InvariantCulture, out var set) ? set
        : RecordedPorts.Value.TryGetValue(variable, out var recorded) ? recorded
        : fallback;

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

    /// <summary>Creates an empty test database on the local PostgreSQL; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var admin = new NpgsqlConnection(Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Drops a test database. An autovacuum worker (a superuser backend our role may not terminate) can be
    /// visiting the fresh database for a moment; wait for it rather than leak the database.
    /// </summary>
    public static async Task DropDatabaseAsync(string name)
    {
        await using var admin = new NpgsqlConnection(Postgres);
        await admin.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(100);
            }
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
