using System.Net;
using System.Net.Http.Headers;

namespace AutoBooking.Sandbox.Tests.Support;

/// <summary>
/// A fresh sandbox per test (xunit makes a new instance for each), so ledgers never leak between tests, and a
/// Duffel HttpClient configured as production configures its own.
/// </summary>
public abstract class SandboxTest : IAsyncLifetime
{
    private readonly List<IDisposable> owned = [];

    protected SandboxServer Sandbox { get; private set; } = null!;

    protected HttpClient Duffel { get; private set; } = null!;

    /// <summary>The clock the sandbox reads (offer expiry, hold deadlines, timestamps); a test class that moves time overrides it.</summary>
    protected virtual TimeProvider Time => TimeProvider.System;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(0, Time, CancellationToken.None);
        Duffel = CreateDuffelClient(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in owned)
        {
            disposable.Dispose();
        }
        Duffel.Dispose();
        await Sandbox.DisposeAsync();
    }

    /// <summary>Disposes <paramref name="disposable"/> (a test's client) with the sandbox at the end of the test.</summary>
    protected T Own<T>(T disposable)
        where T : IDisposable
    {
        owned.Add(disposable);
        return disposable;
    }

    /// <summary>Bearer token, Duffel-Version v2, JSON, gzip: the headers the production Duffel client sends.</summary>
    protected HttpClient CreateDuffelClient(TimeSpan timeout)
    {
        var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip })
        {
            BaseAddress = new Uri(Sandbox.DuffelBaseUrl + "/"),
            Timeout = timeout,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "duffel_test_token");
        http.DefaultRequestHeaders.Add("Duffel-Version", "v2");
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    /// <summary>A client with no default headers, for checking what the sandbox demands.</summary>
    protected HttpClient CreateBareClient() => new() { BaseAddress = new Uri(Sandbox.BaseUrl + "/") };
}
