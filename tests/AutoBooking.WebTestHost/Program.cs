using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using AutoBooking.WebTestHost;

// The browser tests' server. Usage: dotnet AutoBooking.WebTestHost.dll [--port N] [--api-port N] [--web-dist DIR]
// Prints one line "WebTestHost ready http://127.0.0.1:N" on stdout when it serves; runs until stdin closes or SIGTERM
// (or SIGINT), then stops the worker and removes its database and queues.
var port = ArgValue("--port") is { } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : FreePort();
var webDist = ArgValue("--web-dist") ?? Path.Combine(RepositoryRoot(), "web", "dist");
var apiPort = ArgValue("--api-port") is { } a ? int.Parse(a, System.Globalization.CultureInfo.InvariantCulture) : FreePort();
var frontBase = new Uri($"http://127.0.0.1:{port}/");
var apiBase = new Uri($"http://127.0.0.1:{apiPort}/");

await using var environment = await WebTestEnvironment.StartAsync(frontBase, apiBase);
var functions = WorkerFunctions.Http(environment.Worker.MetadataResponse);
using var forwarder = new WorkerForwarder(environment.Worker,
    WorkerForwarder.DurableClientData(environment.Harness.DurablePort, WebTestEnvironment.TaskHubName, frontBase));
await using var front = FrontServer.Build(environment, functions, forwarder, webDist);
await front.StartAsync();
Console.Out.WriteLine($"WebTestHost ready {environment.Origin}");
Console.Out.Flush();

using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
var stdinClosed = Task.Run(async () =>
{
    using var stdin = Console.OpenStandardInput();
    var buffer = new byte[256];
    while (await stdin.ReadAsync(buffer) > 0)
    {
    }
});
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
Console.Error.WriteLine("[webtesthost] stopping");
await front.StopAsync();
return 0;

string? ArgValue(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "AutoBooking.sln")))
        {
            return directory.FullName;
        }
    }
    throw new InvalidOperationException($"No AutoBooking.sln above {AppContext.BaseDirectory}.");
}
