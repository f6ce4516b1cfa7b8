
namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// <see cref="DuffelWebhookFunction"/> on a real socket on 127.0.0.1 (the <see cref="WebhookForwarder"/>), with the
/// sandbox's Duffel webhooks pointed at it while it runs, so they reach the function as Duffel's would.
/// </summary>
public sealed class DuffelWebhookEndpoint : IAsyncDisposable
{
    private readonly WebhookForwarder forwarder;
    private readonly PipelineHarness harness;

    private DuffelWebhookEndpoint(WebhookForwarder forwarder, PipelineHarness harness)
    {
        this.forwarder = forwarder;
        this.harness = harness;
    }

    public Uri Url => forwarder.UrlFor("duffel");

    /// <summary>Every body delivered, in arrival order (a redelivery again), for a test to replay one later.</summary>
    public IReadOnlyList<string> Received => forwarder.Received;

    /// <summary>Starts the endpoint and points the sandbox's Duffel webhooks at it, signed with the app's secret.</summary>
    public static async Task<DuffelWebhookEndpoint> StartAsync(PipelineHarness harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var endpoint = new DuffelWebhookEndpoint(await WebhookForwarder.StartAsync(harness), harness);
        harness.Sandbox.Webhooks.Configure(endpoint.Url, PipelineHarness.DuffelWebhookSecret, null);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        harness.Sandbox.Webhooks.Disable();
        await forwarder.DisposeAsync();
    }
}
