using System.Text;
using AutoBooking.Core.Booking;
using AutoBooking.Functions.BookingStart;
using AutoBooking.Functions.Extensions;
using AutoBooking.Functions.Notifications;
using AutoBooking.Functions.Trips;
using AutoBooking.Infrastructure.Extensions;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Sandbox;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// The whole app, wired by its own registrations, against real PostgreSQL (a fresh database), Redis (a key
/// prefix), Azurite (queue names of its own) and the provider sandbox, with the booking saga in the in-process
/// Durable engine. Tests drive it the way the Functions host would: call the HTTP function, read each queue
/// and invoke its queue function, invoke the timer function.
/// </summary>
public sealed class PipelineHarness : IAsyncLifetime, IAsyncDisposable
{
    public const string StripeWebhookSecret = "whsec_test_autobooking";
    public const string DuffelWebhookSecret = "duffel_webhook_test_secret";
    public const string PiiTestKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private readonly string suffix = Guid.NewGuid().ToString("N")[..12];
    private IHost? host;

    /// <summary>Every problem any test's request makes the app build is scanned as it is built (<see cref="ProblemBodies"/>).</summary>
    static PipelineHarness() => ProblemBodies.Install();

    public Dictionary<string, string?> Overrides { get; } = [];

    /// <summary>The frontend's confirm-payment page the harness configures.</summary>
    public const string PaymentConfirmUrl = "https://app.autobooking.test/trips/{tripId}/confirm-payment";

    /// <summary>Test-only service replacements (fault-injecting fakes around a port), applied after the app's registrations.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public SandboxServer Sandbox { get; private set; } = null!;

    /// <summary>
    /// The clock the sandbox providers read (offer expiry); the system clock unless a run in simulated time gives it the
    /// app's own, set before <see cref="InitializeAsync"/>.
    /// </summary>
    public TimeProvider SandboxTime { get; set; } = TimeProvider.System;

    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// The app's <see cref="TimeProvider"/> (unless <see cref="ConfigureServices"/> registers another): real time until a
    /// test advances it, e.g. past an outbox backoff, then <see cref="DeliverOutboxAsync"/>.
    /// </summary>
    public ShiftedClock Clock { get; } = new();

    public string DatabaseConnectionString { get; private set; } = "";

    public IServiceProvider Services => host!.Services;

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    /// <summary>
    /// The port on 127.0.0.1 where the in-process Durable engine serves the Durable Task sidecar's gRPC protocol (set by the
    /// last <see cref="Build"/>): a worker process's <c>durableClient</c> binding can point there to reach the same engine.
    /// </summary>
    public int DurablePort { get; private set; }

    /// <summary>The names of the saga's functions the Durable engine invoked, through their trigger adapters, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> TriggerInvocations { get; } = new();

    public QueueClient SearchQueue { get; private set; } = null!;

    public QueueClient BookingQueue { get; private set; } = null!;

    public string DatabaseName => "ab_test_" + suffix;

    public async Task InitializeAsync()
    {
        await LocalServices.EnsureReachableAsync();
        Sandbox = await SandboxServer.StartAsync(0, SandboxTime, CancellationToken.None);
        DatabaseConnectionString = await LocalServices.CreateDatabaseAsync(DatabaseName);
        // Migrations are a deploy step, not part of start-up: run it the way the deploy does, then start the app.
        host = await StartAsync(Settings(), beforeStart: built => built.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None));

        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        SearchQueue = new QueueClient(LocalServices.Storage, "search-requests-" + suffix, queueOptions);
        BookingQueue = new QueueClient(LocalServices.Storage, "booking-requests-" + suffix, queueOptions);
    }

    /// <summary>The deploy's migrate step against this harness's database, through the app's own migrator.</summary>
    public Task<int> MigrateAsync() => Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }
        if (SearchQueue is not null)
        {
            await SearchQueue.DeleteIfExistsAsync();
            await BookingQueue.DeleteIfExistsAsync();
        }
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        await LocalServices.DropDatabaseAsync(DatabaseName);
    }

    /// <summary>The settings a deployment would have, pointing at the local services and the sandbox.</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = DatabaseConnectionString,
            ["Redis:ConnectionString"] = LocalServices.Redis,
            ["Redis:KeyPrefix"] = $"test:{suffix}:",
            // Required, with no default the Functions host could not see (local.settings.sample.json has the same).
            ["Monitor:Schedule"] = "0 */10 * * * *",
            ["Reconciler:Schedule"] = "0 */5 * * * *",
            ["Queues:ConnectionString"] = LocalServices.Storage,
            ["Queues:SearchRequests"] = "search-requests-" + suffix,
            ["Queues:BookingRequests"] = "booking-requests-" + suffix,
            ["Duffel:BaseUrl"] = Sandbox.DuffelBaseUrl,
            ["Duffel:AccessToken"] = "duffel_test_sandbox",
            ["Duffel:TimeoutSeconds"] = "10",
            ["Stripe:ApiBase"] = Sandbox.StripeBaseUrl,
            ["Stripe:SecretKey"] = "sk_test_sandbox",
            ["Stripe:WebhookSecret"] = StripeWebhookSecret,
            ["Duffel:WebhookSecret"] = DuffelWebhookSecret,
            ["Resend:ApiUrl"] = Sandbox.ResendBaseUrl,
            ["Resend:ApiKey"] = "re_test_sandbox",
            ["Resend:From"] = "AutoBooking <bookings@autobooking.test>",
            ["Pii:ActiveKeyVersion"] = "v1",
            ["Pii:Keys:v1"] = PiiTestKey,
            ["Auth:Issuer"] = TestTokens.Issuer,
            ["Auth:Audience"] = TestTokens.Audience,
            ["Auth:SigningKey"] = TestTokens.SigningKey,
            // Reconciliation waits of a few seconds at most, so the unknown-outcome tests stay quick.
            ["Booking:OrderLookUpScheduleSeconds"] = "0,1,2",
            ["Booking:PaymentConfirmUrl"] = PaymentConfirmUrl,
            // Step retries 100 ms, 200 ms, 400 ms apart and settling retried after 1 s twice, so fault tests stay quick.
            ["Booking:StepFirstRetryMilliseconds"] = "100",
            ["Booking:StepMaxRetryIntervalSeconds"] = "1",
            ["Booking:SettleRetryScheduleSeconds"] = "1,1",
            ["Stripe:TimeoutSeconds"] = "5",
            // Fail at once unless a test waits for on-session authentication itself (PaymentAuthenticationTests).
            ["Booking:AuthenticationTimeoutSeconds"] = "0",
            ["Outbox:Schedule"] = "0 */1 * * * *",
            ["FeatureManagement:auto_booking_pipeline_enabled"] = "true",
            ["FeatureManagement:auto_booking_kill_switch"] = "false",
        };
        foreach (var (key, value) in Overrides)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Builds a host from the app's own registrations plus the in-process Durable engine.</summary>
    public IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(Logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.AddAutoBookingInfrastructure();
        builder.Services.AddAutoBookingPipeline();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        ConfigureServices?.Invoke(builder.Services);
        // The engine's default is a random port in 30000-40000, which can collide with ephemeral ports in use;
        // ask the OS for a free one instead.
        // The saga runs through the function trigger adapters and the worker's serializer, as the host runs it.
        DurablePort = FreePort();
        builder.Services.AddInMemoryDurableTask(tasks => tasks.AddBookingTriggers(TriggerInvocations.Enqueue), new InMemoryDurableTaskOptions { Port = DurablePort });
        builder.Services.UseWorkerDataConverter();
        return builder.Build();
    }

    /// <summary>
    /// Builds a host from <paramref name="settings"/> (see <see cref="Build"/>) and starts it. The Durable engine's port is
    /// free when chosen but can be taken by anyone before the engine binds it (another test, the other suite on the
    /// machine): then the host is built again on another port, instead of failing the test on a race it does not test.
    /// </summary>
    public async Task<IHost> StartAsync(Dictionary<string, string?> settings, Func<IHost, Task>? beforeStart = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var built = Build(settings);
            try
            {
                if (beforeStart is not null)
                {
                    await beforeStart(built);
                }
                await built.StartAsync();
                return built;
            }
            catch (IOException ex) when (attempt < 5 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                built.Dispose();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Pins the one-adult fare of <paramref name="origin"/>→<paramref name="destination"/> on the test trips' departure
    /// date (<see cref="TripBodies.DepartureDate"/>). A test whose outcome depends on a fare being above or below a trip's
    /// limit pins it: the sandbox's unpinned fares are not part of any test's contract (see <see cref="UnpinnedFares"/>).
    /// </summary>
    public void PinFare(string destination, decimal amount, string origin = "LHR") =>
        Sandbox.Fares.SetFare(origin, destination, TripBodies.DepartureDate, amount);

    /// <summary>Calls the HTTP function as the Functions host would, with a JSON body and a bearer token.</summary>
    public static HttpRequest Request(string method, string? json = null, string? token = null, string contentType = "application/json") =>
        RawRequest(method, json is null ? null : Encoding.UTF8.GetBytes(json), token, contentType);

    /// <summary>A request whose body is exactly these bytes (for invalid UTF-8 and other byte-level garbage).</summary>
    public static HttpRequest RawRequest(string method, byte[]? bytes, string? token = null, string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (bytes is not null)
        {
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }
        if (token is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }
        return context.Request;
    }

    public async Task<IActionResult> CreateTripAsync(string json, string token) =>
        await Get<CreateTripFunction>().Run(Request("POST", json, token), CancellationToken.None);

    public async Task<IActionResult> GetTripAsync(string id, string token) =>
        await Get<GetTripFunction>().Run(Request("GET", token: token), id, CancellationToken.None);

    /// <summary>Creates a trip through the HTTP function and returns its id (the request must be valid).</summary>
    public async Task<Guid> CreateTripIdAsync(string json, string token)
    {
        var created = Assert.IsType<CreatedResult>(await CreateTripAsync(json, token));
        return Assert.IsType<TripResponse>(created.Value).Id;
    }

    /// <summary>
    /// Drives a new trip the way the host would: its search, its booking request, then waits for the saga
    /// (the latest attempt's orchestration) and returns how it ended.
    /// </summary>
    public async Task<BookingOutcome> RunBookingAsync(Guid tripId)
    {
        await DrainSearchQueueAsync();
        await DrainBookingQueueAsync();
        return await WaitForBookingAsync(tripId);
    }

    /// <summary>Waits for the trip's latest booking orchestration to complete and returns how it ended.</summary>
    public async Task<BookingOutcome> WaitForBookingAsync(Guid tripId)
    {
        var instanceId = await new Db(DatabaseConnectionString).ScalarAsync<string>(
            "select instance_id from booking_attempts where trip_id = @tripId order by attempt_no desc limit 1", new { tripId });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        OrchestrationMetadata state;
        try
        {
            state = await Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var running = await Durable.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            var warnings = Logs.Lines.Where(l => !l.Contains("Grpc", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Trace", StringComparison.Ordinal)).TakeLast(40);
            throw new Xunit.Sdk.XunitException($"The booking orchestration did not complete in 90 s ({running?.RuntimeStatus}). Logs:\n{string.Join('\n', warnings)}");
        }
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"The booking orchestration ended {state.RuntimeStatus}: {state.FailureDetails?.ErrorType} {state.FailureDetails?.ErrorMessage} {state.FailureDetails?.StackTrace}");
        return state.ReadOutputAs<BookingOutcome>()!;
    }

    /// <summary>Makes the trip due, runs the sweep (which must claim it) and delivers its search: the trip's next check.</summary>
    public async Task<List<SearchOutcome>> CheckAgainAsync(Guid tripId)
    {
        await new Db(DatabaseConnectionString).ExecuteAsync(
            "update trip_requests set next_check_at = now() - interval '1 minute' where id = @tripId", new { tripId });
        Assert.Equal(1, await RunMonitorSweepAsync());
        return await DrainSearchQueueAsync();
    }

    /// <summary>
    /// The trip's latest check as stored (trip_checks; what GET /trips/{id} shows as latestSearch), or null before its
    /// first check. Each check rewrites it; the audit trail records only a change of verdict.
    /// </summary>
    public async Task<LatestCheck?> LatestCheckAsync(Guid tripId)
    {
        var rows = await new Db(DatabaseConnectionString).QueryAsync<(string Verdict, int Offers, int Qualifying, bool Shared, string? OfferRequestId, int Checks, string? Why)>("""
            select c.verdict, (c.detail ->> 'offers')::int, (c.detail ->> 'qualifying')::int, (c.detail ->> 'shared')::boolean,
                c.detail ->> 'offerRequestId', t.checks_made, c.detail ->> 'why'
            from trip_checks c join trip_requests t on t.id = c.trip_id where c.trip_id = @tripId
            """, new { tripId });
        return rows.Count == 0 ? null
            : new LatestCheck(rows[0].Verdict, rows[0].Offers, rows[0].Qualifying, rows[0].Shared, rows[0].OfferRequestId, rows[0].Checks, rows[0].Why);
    }

    /// <summary>The checks the trip has made (trip_requests.checks_made), shared or not.</summary>
    public Task<int> ChecksMadeAsync(Guid tripId) =>
        new Db(DatabaseConnectionString).ScalarAsync<int>("select checks_made from trip_requests where id = @tripId", new { tripId });

    /// <summary>Saves the standard traveler profile (Grace Hopper) for the token's user and returns its id.</summary>
    public async Task<Guid> SaveTravelerAsync(string token)
    {
        var created = Assert.IsType<CreatedResult>(await Get<TravelersFunction>().Create(Request("POST", TravelerBodies.Valid(), token), default));
        return ((TravelerResponse)created.Value!).Id;
    }

    /// <summary>
    /// Lets time pass for shared searches: the stored search results age past the check window (and this harness's
    /// Redis results are dropped), as they would have by the next check.
    /// </summary>
    public async Task ExpireSharedSearchesAsync()
    {
        await new Db(DatabaseConnectionString).ExecuteAsync("update searches set searched_at = searched_at - interval '30 days'");
        var redis = Get<StackExchange.Redis.IConnectionMultiplexer>();
        var prefix = Get<Microsoft.Extensions.Options.IOptions<Infrastructure.Options.RedisOptions>>().Value.KeyPrefix;
        foreach (var server in redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "search:*"))
            {
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }

    /// <summary>
    /// One pass of the outbox sender timer, as the Functions host would run it: alerts overdue emails, sends the due
    /// ones (retries whose backoff has passed on <see cref="Clock"/>), and says what it did.
    /// </summary>
    public Task<OutboxDelivery> DeliverOutboxAsync() =>
        Get<DeliverOutboxFunction>().Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

    /// <summary>
    /// Runs outbox passes, moving the app's clock (a <see cref="ShiftedClock"/>) to the next due row before each, until nothing is pending or
    /// <paramref name="maxPasses"/> passes ran; returns the passes' total.
    /// </summary>
    public async Task<OutboxDelivery> DeliverOutboxUntilSettledAsync(int maxPasses = 20)
    {
        var db = new Db(DatabaseConnectionString);
        var clock = Get<TimeProvider>() as ShiftedClock ?? Clock;
        var total = OutboxDelivery.None;
        for (var pass = 0; pass < maxPasses; pass++)
        {
            var next = await db.ScalarAsync<DateTime?>("select min(next_attempt_at) from outbox_messages where status = 'pending'");
            if (next is null)
            {
                break;
            }
            var wait = new DateTimeOffset(DateTime.SpecifyKind(next.Value, DateTimeKind.Utc)) - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                clock.Advance(wait + TimeSpan.FromSeconds(1));
            }
            total = total.Add(await DeliverOutboxAsync());
        }
        return total;
    }

    public Task<int> RunMonitorSweepAsync() =>
        Get<MonitorSweepFunction>().Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

    /// <summary>Delivers every message waiting in search-requests to the search function, then deletes it.</summary>
    public async Task<List<SearchOutcome>> DrainSearchQueueAsync()
    {
        var outcomes = new List<SearchOutcome>();
        var function = Get<SearchTripFunction>();
        await foreach (var body in ReceiveAllAsync(SearchQueue))
        {
            outcomes.Add(await function.Run(body, CancellationToken.None));
        }
        return outcomes;
    }

    /// <summary>
    /// Delivers every message waiting in search-requests as the host does when the function throws: the same message
    /// again, up to <paramref name="maxDequeueCount"/> deliveries (the host's default is 5), after which the host moves it
    /// to the poison queue (here: deleted and counted in <c>Poisoned</c>).
    /// </summary>
    public async Task<(List<SearchOutcome> Outcomes, int Poisoned)> DrainSearchQueueWithRedeliveryAsync(int maxDequeueCount = 5)
    {
        var outcomes = new List<SearchOutcome>();
        var poisoned = 0;
        var function = Get<SearchTripFunction>();
        await foreach (var body in ReceiveAllAsync(SearchQueue))
        {
            for (var delivery = 1; ; delivery++)
            {
                try
                {
                    outcomes.Add(await function.Run(body, CancellationToken.None));
                    break;
                }
                catch (Exception) when (delivery < maxDequeueCount)
                {
                }
                catch (Exception)
                {
                    poisoned++;
                    break;
                }
            }
        }
        return (outcomes, poisoned);
    }

    /// <summary>Delivers every message waiting in booking-requests to the booking starter, then deletes it.</summary>
    public async Task<List<StartOutcome>> DrainBookingQueueAsync()
    {
        var outcomes = new List<StartOutcome>();
        var function = Get<StartBookingFunction>();
        await foreach (var body in ReceiveAllAsync(BookingQueue))
        {
            outcomes.Add(await function.Run(body, Durable, CancellationToken.None));
        }
        return outcomes;
    }

    public async Task<string[]> PeekAllAsync(QueueClient queue)
    {
        var peeked = await queue.PeekMessagesAsync(32);
        return peeked.Value.Select(m => m.Body.ToString()).ToArray();
    }

    private static async IAsyncEnumerable<string> ReceiveAllAsync(QueueClient queue)
    {
        while (true)
        {
            var received = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));
            if (received.Value.Length == 0)
            {
                yield break;
            }
            foreach (var message in received.Value)
            {
                yield return message.Body.ToString();
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}

/// <summary>
/// A trip's latest check: its verdict (no_offers, none_qualifying, qualifying), how many offers and how many qualified,
/// whether the provider search was another trip's (<see cref="Shared"/>), the checks the trip has made so far, and
/// <see cref="Why"/>: the explanation the traveler sees.
/// </summary>
public sealed record LatestCheck(string Verdict, int Offers, int Qualifying, bool Shared, string? OfferRequestId, int Checks, string? Why = null);
