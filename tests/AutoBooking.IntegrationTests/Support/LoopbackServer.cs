using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (Kestrel, on a free port) for the stand-ins of the outside world the tests run:
/// the webhook receivers and the identity provider. Linked into AutoBooking.Infrastructure.Tests as well.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>The server's root, with a trailing slash (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Address { get; }

    /// <summary>Starts a server that hands every request to <paramref name="handler"/>.</summary>
    public static Task<LoopbackServer> StartAsync(RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return StartAsync(app => app.Run(handler));
    }

    /// <summary>Starts a server whose endpoints <paramref name="map"/> adds (routing is there).</summary>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// An address on this server: <paramref name="path"/> below its root, kept as written (a <c>{provider}</c>
    /// placeholder stays in the URI's original string).
    /// </summary>
    public Uri At(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Uri(Address.OriginalString + path.TrimStart('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
