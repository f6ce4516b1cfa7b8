using AutoBooking.Functions.Webhooks;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Stands in for the Functions host's HTTP front door for provider webhooks: a real endpoint on 127.0.0.1
/// (<see cref="LoopbackServer"/>) that hands each POST to <c>…/duffel</c> to the real <see cref="DuffelWebhookFunction"/>
/// and each to <c>…/stripe</c> to the real <see cref="StripeWebhookFunction"/> (raw body and signature header, with the
/// harness's Durable client), the way the host hands them over, and answers with the function's status, an exception as
/// the host's 500. So the sandbox's signed, asynchronous deliveries reach our code as they would in production, and
/// the sandbox redelivers what was not answered 2xx, as the providers do.
/// </summary>
public sealed class WebhookForwarder : IAsyncDisposable
{
    private readonly PipelineHarness harness;
    private readonly ConcurrentQueue<string> received = new();
    private LoopbackServer server = null!;

    private WebhookForwarder(PipelineHarness harness) => this.harness = harness;

    /// <summary>The receiver address for <c>Webhooks.Configure</c> (with the <c>{provider}</c> placeholder).</summary>
    public Uri Url => server.At("api/webhooks/{provider}");

    /// <summary>Every body delivered, in arrival order (a redelivery again), for a test to replay one later.</summary>
    public IReadOnlyList<string> Received => received.ToArray();

    public static async Task<WebhookForwarder> StartAsync(PipelineHarness harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var forwarder = new WebhookForwarder(harness);
        forwarder.server = await LoopbackServer.StartAsync(forwarder.HandleAsync);
        return forwarder;
    }

    /// <summary>The address of one provider's webhook (<c>duffel</c>, <c>stripe</c>).</summary>
    public Uri UrlFor(string provider) => server.At("api/webhooks/" + provider);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var provider = path.EndsWith("/duffel", StringComparison.Ordinal) ? "duffel"
            : path.EndsWith("/stripe", StringComparison.Ordinal) ? "stripe"
            : null;
        if (provider is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // Kept for replays; the function then reads the body from the start, as the host hands it over.
        context.Request.EnableBuffering();
        using (var reader = new StreamReader(context.Request.Body, leaveOpen: true))
        {
            received.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
        }
        context.Request.Body.Position = 0;
        try
        {
            var result = provider == "duffel"
                ? await harness.Get<DuffelWebhookFunction>().Run(context.Request, harness.Durable, context.RequestAborted)
                : await harness.Get<StripeWebhookFunction>().Run(context.Request, harness.Durable, context.RequestAborted);
            context.Response.StatusCode = result is IStatusCodeActionResult { StatusCode: { } status } ? status : StatusCodes.Status200OK;
        }
#pragma warning disable CA1031 // The Functions host turns any exception into a 500; so does its stand-in.
        catch (Exception)
#pragma warning restore CA1031
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }
}
