using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>
/// A tiny HTTP endpoint on 127.0.0.1 that records every webhook POSTed to it (signature headers and the raw
/// body), answering 500 to the first <see cref="FailFirst"/> deliveries so at-least-once delivery can be seen.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<ReceivedWebhook> received = Channel.CreateUnbounded<ReceivedWebhook>();
    private int failed;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every POST received, refused or not.</summary>
    public int Requests => Volatile.Read(ref failed);

    /// <summary>How many deliveries to refuse (500) before accepting.</summary>
    public int FailFirst { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/webhooks");
        return receiver;
    }

    /// <summary>The next accepted webhook matching <paramref name="match"/>; fails the test after 10 s.</summary>
    public async Task<ReceivedWebhook> NextAsync(Func<ReceivedWebhook, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var webhook = await received.Reader.ReadAsync(timeout.Token);
            if (match(webhook))
            {
                return webhook;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (Interlocked.Increment(ref failed) <= FailFirst)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        received.Writer.TryWrite(new ReceivedWebhook(
            context.Request.Headers["X-Duffel-Signature"].ToString() is { Length: > 0 } duffel ? duffel : null,
            context.Request.Headers["Stripe-Signature"].ToString() is { Length: > 0 } stripe ? stripe : null,
            body,
            context.Request.Path.Value ?? ""));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
