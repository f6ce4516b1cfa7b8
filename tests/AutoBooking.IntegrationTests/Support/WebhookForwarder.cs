using AutoBooking.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Stands in for the Functions host's HTTP front door for provider webhooks: a tiny HTTP endpoint on 127.0.0.1 that
/// hands each POST to <c>/duffel</c> to the real <see cref="DuffelWebhookFunction"/> (and <c>/stripe</c> to the real
/// <see cref="StripeWebhookFunction"/>, with the harness's Durable client) and answers with its status, so
/// the sandbox's signed, asynchronous deliveries reach our code as they would in production.
/// </summary>
public sealed class WebhookForwarder : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookForwarder(WebApplication app) => this.app = app;

    /// <summary>The receiver address for <c>Webhooks.Configure</c> (with the <c>{provider}</c> placeholder).</summary>
    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookForwarder> StartAsync(PipelineHarness harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            IActionResult result;
            if (context.Request.Path == "/duffel")
            {
                result = await harness.Get<DuffelWebhookFunction>().Run(context.Request, harness.Durable, context.RequestAborted);
            }
            else if (context.Request.Path == "/stripe")
            {
                result = await harness.Get<StripeWebhookFunction>().Run(context.Request, harness.Durable, context.RequestAborted);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.StatusCode = result switch
            {
                StatusCodeResult status => status.StatusCode,
                ObjectResult objectResult => objectResult.StatusCode ?? StatusCodes.Status200OK,
                _ => StatusCodes.Status500InternalServerError,
            };
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new WebhookForwarder(app) { Url = new Uri(address.TrimEnd('/') + "/{provider}") };
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
