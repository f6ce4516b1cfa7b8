using AutoBooking.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// <see cref="DuffelWebhookFunction"/> on a real socket on 127.0.0.1, so the sandbox's signed webhooks reach it as
/// Duffel's would: each POST is handed to the function (raw body, <c>X-Duffel-Signature</c>) the way the Functions
/// host hands it over, and the function's status goes back, an exception as the host's 500. The sandbox redelivers
/// what was not answered 2xx, as Duffel does.
/// </summary>
public sealed class DuffelWebhookEndpoint : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly PipelineHarness harness;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> received = new();

    private DuffelWebhookEndpoint(WebApplication app, PipelineHarness harness)
    {
        this.app = app;
        this.harness = harness;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every body delivered, in arrival order (a redelivery again), for a test to replay one later.</summary>
    public IReadOnlyList<string> Received => received.ToArray();

    /// <summary>Starts the endpoint and points the sandbox's Duffel webhooks at it, signed with the app's secret.</summary>
    public static async Task<DuffelWebhookEndpoint> StartAsync(PipelineHarness harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new DuffelWebhookEndpoint(app, harness);
        app.Run(endpoint.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        endpoint.Url = new Uri(address.TrimEnd('/') + "/api/webhooks/duffel");
        harness.Sandbox.Webhooks.Configure(endpoint.Url, PipelineHarness.DuffelWebhookSecret, null);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        harness.Sandbox.Webhooks.Disable();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        received.Enqueue(body);
        var request = PipelineHarness.Request("POST", body);
        request.Headers["X-Duffel-Signature"] = context.Request.Headers["X-Duffel-Signature"];
        try
        {
            var result = await harness.Get<DuffelWebhookFunction>().Run(request, harness.Durable, context.RequestAborted);
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
