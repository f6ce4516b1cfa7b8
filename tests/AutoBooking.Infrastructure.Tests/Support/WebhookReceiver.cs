using System.Threading.Channels;
using AutoBooking.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;

namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>
/// A tiny HTTP endpoint on 127.0.0.1 (<see cref="LoopbackServer"/>) that records every webhook POSTed to it
/// (signature headers and the raw body), answering 500 to the first <see cref="FailFirst"/> deliveries so at-least-once
/// delivery can be seen.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Channel<ReceivedWebhook> received = Channel.CreateUnbounded<ReceivedWebhook>();
    private LoopbackServer server = null!;
    private int failed;

    private WebhookReceiver()
    {
    }

    public Uri Url => server.At("webhooks");

    /// <summary>Every POST received, refused or not.</summary>
    public int Requests => Volatile.Read(ref failed);

    /// <summary>How many deliveries to refuse (500) before accepting.</summary>
    public int FailFirst { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver.server = await LoopbackServer.StartAsync(receiver.HandleAsync);
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

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

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
