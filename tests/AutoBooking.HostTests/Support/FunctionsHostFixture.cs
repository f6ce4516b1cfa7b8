using System.Net;
using System.Net.Http.Headers;
using AutoBooking.HostTests.Rpc;
using AutoBooking.Infrastructure.Options;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace AutoBooking.HostTests.Support;

/// <summary>
/// Plays the Azure Functions host for one worker process shared by the test collection: serves the host's
/// <c>FunctionRpc</c> gRPC service on 127.0.0.1, launches the built worker with the host's arguments and environment,
/// and does the host's start-up handshake (StartStream, WorkerInitRequest, FunctionsMetadataRequest, a
/// FunctionLoadRequest per function). Tests then invoke functions as the host would. The app's settings point at a
/// fresh database (migrated here, before the worker starts), a Redis key prefix, queues and the sandbox of its own.
/// </summary>
public sealed class FunctionsHostFixture : IAsyncLifetime
{
    /// <summary>Cold start of a .NET worker on a busy 2-core machine can take a while; the host waits minutes too.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan InvocationTimeout = TimeSpan.FromMinutes(2);
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private readonly string suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly Dictionary<string, string> functionIds = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string>? sharedSettings;
    private WebApplication? server;
    private WorkerProcess? worker;

    /// <summary>A worker with a database, queues and sandbox of its own (created here, removed again at dispose).</summary>
    public FunctionsHostFixture()
    {
    }

    /// <summary>
    /// A worker whose app settings (database, Redis prefix, queues, sandbox, auth) someone else owns, e.g. the web test
    /// host, which shares them with its in-process pipeline: nothing is created or removed here but the worker and the
    /// host's gRPC server. Keys as in configuration (<c>Auth:Issuer</c>); <see cref="Settings"/> returns these.
    /// </summary>
    /// <remarks>A factory, not a constructor: xunit wants one public constructor on a collection fixture.</remarks>
    public static FunctionsHostFixture WithSettings(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new FunctionsHostFixture { sharedSettings = settings };
    }

    public WorkerChannel Channel { get; } = new();
    public string WorkerId { get; } = Guid.NewGuid().ToString();
    public string RequestId { get; } = Guid.NewGuid().ToString();
    public string AppDirectory { get; private set; } = "";
    public SandboxServer Sandbox { get; private set; } = null!;
    public string DatabaseName => "ab_host_" + suffix;
    public string DatabaseConnectionString { get; private set; } = "";
    public Db Db => new(DatabaseConnectionString);
    public QueueClient SearchQueue { get; private set; } = null!;
    public QueueClient BookingQueue { get; private set; } = null!;
    public StartStream StartStream { get; private set; } = null!;
    public WorkerInitResponse InitResponse { get; private set; } = null!;
    public FunctionMetadataResponse MetadataResponse { get; private set; } = null!;
    public IReadOnlyList<FunctionLoadResponse> LoadResponses { get; private set; } = [];

    /// <summary>The worker's own ASP.NET Core endpoint (its HttpUri capability), where the host forwards HTTP requests.</summary>
    public Uri HttpUri { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await LocalServices.EnsureReachableAsync();
        AppDirectory = WorkerLocation.OutputDirectory();
        if (sharedSettings is null)
        {
            await CreateOwnServicesAsync();
        }
        else
        {
            DatabaseConnectionString = sharedSettings["Postgres:ConnectionString"];
        }
        server = await StartHostServerAsync();
        var port = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        worker = WorkerProcess.Start(AppDirectory, HostArguments(port), WorkerEnvironment());
        try
        {
            await HandshakeAsync();
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The worker did not boot over the host protocol: {ex.Message}{Diagnostics()}", ex);
        }
    }

    private async Task CreateOwnServicesAsync()
    {
        Sandbox = await SandboxServer.StartAsync(0, CancellationToken.None);
        await CreateDatabaseAsync();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        SearchQueue = new QueueClient(LocalServices.Storage, "search-requests-" + suffix, queueOptions);
        BookingQueue = new QueueClient(LocalServices.Storage, "booking-requests-" + suffix, queueOptions);
        // Like the deploy (Bicep) does: the queues exist before the app runs, whatever the worker does at start.
        await SearchQueue.CreateIfNotExistsAsync();
        await BookingQueue.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (worker is not null)
        {
            // The host's graceful stop: WorkerTerminate, then a kill once the grace period is over.
            await Channel.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } });
            await worker.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await worker.DisposeAsync();
        }
        if (server is not null)
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
        if (sharedSettings is not null)
        {
            return;
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

    /// <summary>What the worker printed and logged to the host: appended to every failure this fixture reports.</summary>
    public string Diagnostics() =>
        $"\n--- worker stdout/stderr ---\n{worker?.Output()}\n--- worker RpcLogs (last 200) ---\n{string.Join('\n', Channel.Logs.TakeLast(200))}";

    /// <summary>The settings a deployment would have (app settings become environment variables with <c>__</c>).</summary>
    public Dictionary<string, string> Settings() => sharedSettings is null ? OwnSettings() : new(sharedSettings);

    private Dictionary<string, string> OwnSettings() => new()
    {
        ["Postgres:ConnectionString"] = DatabaseConnectionString,
        ["Redis:ConnectionString"] = LocalServices.Redis,
        ["Redis:KeyPrefix"] = $"hosttest:{suffix}:",
        ["Queues:ConnectionString"] = LocalServices.Storage,
        ["Queues:SearchRequests"] = SearchQueue.Name,
        ["Queues:BookingRequests"] = BookingQueue.Name,
        ["Duffel:BaseUrl"] = Sandbox.DuffelBaseUrl,
        ["Duffel:AccessToken"] = "duffel_test_sandbox",
        ["Duffel:TimeoutSeconds"] = "10",
        ["Duffel:WebhookSecret"] = "duffel_webhook_host_test_secret",
        ["Stripe:ApiBase"] = Sandbox.StripeBaseUrl,
        ["Stripe:SecretKey"] = "sk_test_sandbox",
        ["Stripe:WebhookSecret"] = "whsec_host_test",
        ["Resend:ApiUrl"] = Sandbox.ResendBaseUrl,
        ["Resend:ApiKey"] = "re_test_sandbox",
        ["Resend:From"] = "AutoBooking <bookings@autobooking.test>",
        ["Pii:ActiveKeyVersion"] = "v1",
        ["Pii:Keys:v1"] = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        ["Auth:Issuer"] = TestTokens.Issuer,
        ["Auth:Audience"] = TestTokens.Audience,
        ["Auth:SigningKey"] = TestTokens.SigningKey,
        ["Monitor:Schedule"] = "0 */10 * * * *",
        ["Reconciler:Schedule"] = "0 */5 * * * *",
        ["Outbox:Schedule"] = "0 */1 * * * *",
        ["Retention:Schedule"] = "0 30 3 * * *",
        ["Monitor:CheckIntervalMinutes"] = "60",
        // Read by the host for host.json's %DurableTaskHubName%; a task hub of this fixture's own.
        ["DurableTaskHubName"] = "HostTests" + suffix,
        ["Booking:PaymentConfirmUrl"] = "https://app.autobooking.test/trips/{tripId}/confirm-payment",
        ["FeatureManagement:auto_booking_pipeline_enabled"] = "true",
        ["FeatureManagement:auto_booking_kill_switch"] = "false",
    };

    /// <summary>The function id the worker reported (and the host loaded it under) for a function name.</summary>
    public string FunctionId(string functionName) =>
        functionIds.TryGetValue(functionName, out var id) ? id : throw new InvalidOperationException($"The worker reported no function {functionName}.");

    /// <summary>The worker's metadata for a function.</summary>
    public RpcFunctionMetadata Function(string functionName) =>
        MetadataResponse.FunctionMetadataResults.Single(f => f.Name == functionName);

    /// <summary>Sends an InvocationRequest and waits for the worker's InvocationResponse.</summary>
    public async Task<InvocationResponse> InvokeAsync(
        string functionName, IEnumerable<ParameterBinding> inputs, IDictionary<string, TypedData>? triggerMetadata = null, string? invocationId = null)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId ?? Guid.NewGuid().ToString(),
            FunctionId = FunctionId(functionName),
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01" },
            RetryContext = new RetryContext(),
        };
        request.InputData.AddRange(inputs);
        if (triggerMetadata is not null)
        {
            request.TriggerMetadata.Add(triggerMetadata);
        }
        try
        {
            var answer = await Channel.RequestAsync(new StreamingMessage { InvocationRequest = request }, request.InvocationId, InvocationTimeout);
            return answer.InvocationResponse;
        }
        catch (Exception ex) when (ex is TimeoutException or IOException)
        {
            throw new InvalidOperationException($"Invocation of {functionName} failed: {ex.Message}{Diagnostics()}", ex);
        }
    }

    /// <summary>
    /// An HTTP request the way the host serves it with ASP.NET Core integration: the host forwards the request to the
    /// worker's HttpUri with the invocation id in <c>x-ms-invocation-id</c> and sends the InvocationRequest for the
    /// same id; the worker pairs the two, runs its middleware and function, and answers on the HTTP connection.
    /// </summary>
    public async Task<(HttpResponseMessage Response, InvocationResponse Invocation)> SendHttpAsync(string functionName, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invocationId = Guid.NewGuid().ToString();
        request.Headers.Add(InvocationIdHeader, invocationId);
        var forwarded = Http.SendAsync(request);
        var rpcHttp = new RpcHttp { Method = request.Method.Method, Url = new Uri(HttpUri, request.RequestUri!).ToString() };
        foreach (var header in request.Headers)
        {
            rpcHttp.Headers[header.Key.ToLowerInvariant()] = string.Join(", ", header.Value);
        }
        var invocation = InvokeAsync(functionName, [new ParameterBinding { Name = TriggerBinding(functionName), Data = new TypedData { Http = rpcHttp } }],
            invocationId: invocationId);
        await Task.WhenAll(forwarded, invocation);
        return (await forwarded, await invocation);
    }

    /// <summary>The name of the function's trigger binding, from the metadata the worker reported.</summary>
    public string TriggerBinding(string functionName) =>
        Function(functionName).RawBindings.Select(HostBindings.Parse)
            .Single(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)).Name;

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private async Task HandshakeAsync()
    {
        var first = await Task.WhenAny(Channel.Started, worker!.Exited).WaitAsync(StartTimeout);
        if (first != Channel.Started)
        {
            throw new InvalidOperationException("The worker exited before it connected to the host.");
        }
        StartStream = await Channel.Started;
        var init = new WorkerInitRequest
        {
            HostVersion = "4.1040.0.0",
            WorkerDirectory = AppDirectory,
            FunctionAppDirectory = AppDirectory,
        };
        init.LogCategories["Host.Function.Console"] = RpcLog.Types.Level.Information;
        InitResponse = (await Channel.RequestAsync(new StreamingMessage { RequestId = RequestId, WorkerInitRequest = init },
            nameof(StreamingMessage.ContentOneofCase.WorkerInitResponse), StartTimeout)).WorkerInitResponse;
        if (InitResponse.Result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"WorkerInitResponse failed: {InitResponse.Result.Exception?.Message}");
        }
        MetadataResponse = (await Channel.RequestAsync(
            new StreamingMessage { RequestId = RequestId, FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = AppDirectory } },
            nameof(StreamingMessage.ContentOneofCase.FunctionMetadataResponse), StartTimeout)).FunctionMetadataResponse;
        foreach (var function in MetadataResponse.FunctionMetadataResults)
        {
            functionIds[function.Name] = string.IsNullOrEmpty(function.FunctionId) ? Guid.NewGuid().ToString() : function.FunctionId;
        }
        LoadResponses = await Task.WhenAll(MetadataResponse.FunctionMetadataResults.Select(LoadAsync));
        if (!InitResponse.Capabilities.TryGetValue("HttpUri", out var httpUri))
        {
            throw new InvalidOperationException("The worker did not report an HttpUri capability (ASP.NET Core integration).");
        }
        HttpUri = new Uri(httpUri);
        Http = new HttpClient { BaseAddress = HttpUri, Timeout = InvocationTimeout };
    }

    private async Task<FunctionLoadResponse> LoadAsync(RpcFunctionMetadata function)
    {
        var id = functionIds[function.Name];
        var request = new FunctionLoadRequest { FunctionId = id, Metadata = function };
        var answer = await Channel.RequestAsync(new StreamingMessage { RequestId = RequestId, FunctionLoadRequest = request }, id, StartTimeout);
        return answer.FunctionLoadResponse;
    }

    private async Task<WebApplication> StartHostServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The host listens on loopback, plain HTTP/2 (h2c); the worker connects with gRPC over it.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = int.MaxValue;
            grpc.MaxSendMessageSize = int.MaxValue;
        });
        builder.Services.AddSingleton(Channel);
        var app = builder.Build();
        app.MapGrpcService<HostRpcService>();
        await app.StartAsync();
        return app;
    }

    /// <summary>The command line the host gives a worker: the classic names and the newer <c>--functions-*</c> copies.</summary>
    private IEnumerable<string> HostArguments(int port)
    {
        const string maxMessageLength = "2147483647";
        return
        [
            "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--workerId", WorkerId, "--requestId", RequestId, "--grpcMaxMessageLength", maxMessageLength,
            "--functions-uri", $"http://127.0.0.1:{port}/", "--functions-worker-id", WorkerId,
            "--functions-request-id", RequestId, "--functions-grpc-max-message-length", maxMessageLength,
        ];
    }

    /// <summary>The host's environment for a worker: its own settings and the app settings as variables.</summary>
    private Dictionary<string, string> WorkerEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["AzureWebJobsScriptRoot"] = AppDirectory,
            ["FUNCTIONS_APPLICATION_DIRECTORY"] = AppDirectory,
            ["FUNCTIONS_WORKER_DIRECTORY"] = AppDirectory,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = LocalServices.Storage,
            // A test host must not watch config files (inotify instances are shared by every test on the machine).
            ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
        };
        foreach (var (key, value) in Settings())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return environment;
    }

    private async Task CreateDatabaseAsync()
    {
        DatabaseConnectionString = await LocalServices.CreateDatabaseAsync(DatabaseName);
        // Migrations are a deploy step, not the worker's: apply them the way the deploy does, before the worker starts.
        var migrator = new DatabaseMigrator(MsOptions.Create(new PostgresOptions { ConnectionString = DatabaseConnectionString }),
            NullLogger<DatabaseMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);
    }
}
