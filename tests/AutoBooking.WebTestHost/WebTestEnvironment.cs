extern alias hosttests;
using AutoBooking.IntegrationTests.Support;
using AutoBooking.Sandbox;
using hosttests::AutoBooking.HostTests.Support;

namespace AutoBooking.WebTestHost;

/// <summary>
/// Everything the browser tests run against, started in order and stopped in reverse: the in-process pipeline
/// (<see cref="PipelineHarness"/>: a fresh migrated database, a Redis prefix, queues, the sandbox, the Durable engine
/// running the booking saga) and the BUILT worker over the host protocol (<see cref="FunctionsHostFixture"/>) with the
/// same settings, except that it signs users in through the sandbox's identity provider (no signing key).
/// </summary>
public sealed class WebTestEnvironment : IAsyncDisposable
{
    public const string TaskHubName = "WebTests";

    private WebTestEnvironment(Uri frontBase, Uri apiBase)
    {
        FrontBase = frontBase;
        ApiBase = apiBase;
    }

    /// <summary>The front server's address (<c>http://127.0.0.1:port/</c>): the app's origin, chosen before anything starts.</summary>
    public Uri FrontBase { get; }

    /// <summary><see cref="FrontBase"/> without the trailing slash.</summary>
    public string Origin => FrontBase.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// Where the app calls the API: another port, so another origin, as the Static Web App and the Function App are in
    /// Azure; the front server answers there with the platform's CORS (see <see cref="FrontServer"/>).
    /// </summary>
    public Uri ApiBase { get; }

    /// <summary><see cref="ApiBase"/> without the trailing slash.</summary>
    public string ApiOrigin => ApiBase.GetLeftPart(UriPartial.Authority);

    public PipelineHarness Harness { get; } = new();

    public FunctionsHostFixture Worker { get; private set; } = null!;

    public SandboxServer Sandbox => Harness.Sandbox;

    /// <summary>The sandbox's identity provider (contract §1).</summary>
    public string IdentityIssuer => Sandbox.IdentityIssuer;

    /// <summary>The sandbox's Stripe.js stand-in (contract §2).</summary>
    public string StripeJsUrl => Sandbox.StripeJsUrl;

    public static async Task<WebTestEnvironment> StartAsync(Uri frontBase, Uri apiBase)
    {
        var environment = new WebTestEnvironment(frontBase, apiBase);
        try
        {
            await environment.StartPiecesAsync();
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    private async Task StartPiecesAsync()
    {
        // The 3-D Secure email links to the app's confirm page on this origin; the saga waits for the traveler (not 0 s).
        Harness.Overrides["Booking:PaymentConfirmUrl"] = Origin + "/trips/{tripId}/confirm-payment";
        Harness.Overrides["Booking:AuthenticationTimeoutSeconds"] = "1800";
        await Harness.InitializeAsync();
        // Like the deploy (Bicep): the queues exist before the app runs.
        await Harness.SearchQueue.CreateIfNotExistsAsync();
        await Harness.BookingQueue.CreateIfNotExistsAsync();
        // The sandbox's webhooks reach the worker through the front door, as Stripe's and Duffel's reach the Function App.
        Sandbox.Webhooks.Configure(new Uri(Origin + "/api/webhooks/{provider}"), PipelineHarness.DuffelWebhookSecret, PipelineHarness.StripeWebhookSecret);
        Worker = FunctionsHostFixture.WithSettings(WorkerSettings());
        await Worker.InitializeAsync();
    }

    /// <summary>The pipeline's settings for the worker, signing in through the sandbox IdP (contract §1).</summary>
    private Dictionary<string, string> WorkerSettings()
    {
        var settings = Harness.Settings().Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        settings.Remove("Auth:SigningKey");
        settings["Auth:MetadataAddress"] = Sandbox.IdentityMetadataAddress;
        settings["Auth:AllowHttpMetadata"] = "true";
        settings["Auth:Issuer"] = Sandbox.IdentityIssuer;
        settings["Auth:Audience"] = Sandbox.ApiAudience;
        settings["DurableTaskHubName"] = TaskHubName;
        // Its own timers never fire (nobody plays the timer extension); the tests run each stage through /_test/run.
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
        }
        await Harness.DisposeAsync();
    }
}
