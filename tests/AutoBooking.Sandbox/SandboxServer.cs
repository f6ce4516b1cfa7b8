using System.Globalization;
using AutoBooking.Sandbox.Admin;
using AutoBooking.Sandbox.Duffel;
using AutoBooking.Sandbox.Hosting;
using AutoBooking.Sandbox.Identity;
using AutoBooking.Sandbox.Resend;
using AutoBooking.Sandbox.Stripe;
using AutoBooking.Sandbox.StripeJs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;

namespace AutoBooking.Sandbox;

/// <summary>
/// A stand-in for Duffel, Stripe and Resend on a real Kestrel socket, so production HTTP clients (including
/// Stripe.net) run unchanged against it. Each provider lives under its own prefix; point a client's base URL
/// at <see cref="DuffelBaseUrl"/>, <see cref="StripeBaseUrl"/> or <see cref="ResendBaseUrl"/>. What the
/// providers saw is in <see cref="Ledger"/>; <see cref="Faults"/> and <see cref="Fares"/> arrange scenarios.
/// For the web app it also plays the identity provider (<see cref="IdentityIssuer"/>) and Stripe.js (<see cref="StripeJsUrl"/>).
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private static readonly (string Prefix, string Provider)[] ProviderPrefixes =
        [(DuffelApi.Prefix, "duffel"), (StripeApi.Prefix, "stripe"), (ResendApi.Prefix, "resend")];

    private readonly WebApplication app;
    private readonly IdentityApi identity;
    private int disposed;

    private SandboxServer(WebApplication app, string baseUrl, Ledger ledger, Faults faults, Fares fares, Webhooks webhooks, Airline airline,
        Cardholder cardholder, IdentityApi identity)
    {
        this.app = app;
        this.identity = identity;
        Airline = airline;
        Cardholder = cardholder;
        Webhooks = webhooks;
        BaseUrl = baseUrl;
        Ledger = ledger;
        Faults = faults;
        Fares = fares;
    }

    /// <summary>Where the sandbox listens, without a trailing slash, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseUrl { get; }

    public string DuffelBaseUrl => BaseUrl + DuffelApi.Prefix;

    public string StripeBaseUrl => BaseUrl + StripeApi.Prefix;

    public string ResendBaseUrl => BaseUrl + ResendApi.Prefix;

    /// <summary>
    /// The sandbox OpenID Connect provider's issuer, e.g. <c>http://127.0.0.1:4010/idp</c> (no trailing slash): sign-in
    /// page with test users, authorization code + PKCE for the public client <c>autobooking-web</c>, RS256 tokens.
    /// </summary>
    public string IdentityIssuer => BaseUrl + IdentityApi.Prefix;

    /// <summary>
    /// The Stripe.js stand-in (<c>{BaseUrl}/stripe-js/v3</c>): <c>window.Stripe</c> with card elements,
    /// confirmCardSetup and confirmCardPayment (with a 3-D Secure dialog) against <see cref="StripeBaseUrl"/>.
    /// </summary>
    public string StripeJsUrl => BaseUrl + StripeJsScript.Path;

    /// <summary>The provider's discovery document, what the API's <c>Auth__MetadataAddress</c> names.</summary>
    public string IdentityMetadataAddress => IdentityIssuer + "/.well-known/openid-configuration";

    /// <summary>The <c>aud</c> of the access tokens the provider issues (the API's <c>Auth__Audience</c>); <c>api://autobooking</c> unless set.</summary>
    public string ApiAudience
    {
        get => identity.Audience;
        set => identity.Audience = value;
    }

    public Ledger Ledger { get; }

    public Faults Faults { get; }

    public Fares Fares { get; }

    /// <summary>What airlines do to sold orders (schedule changes), with the webhook Duffel would send.</summary>
    public Airline Airline { get; }

    /// <summary>What the traveler does on-session (completing a card authentication), with the webhook Stripe would send.</summary>
    public Cardholder Cardholder { get; }

    /// <summary>Signed webhooks to a receiver of the test's choosing; off until configured.</summary>
    public Webhooks Webhooks { get; }

    /// <summary>Starts a sandbox on 127.0.0.1; port 0 picks a free port (see <see cref="BaseUrl"/>).</summary>
    public static Task<SandboxServer> StartAsync(int port = 0, CancellationToken cancellationToken = default) =>
        StartAsync(port, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Starts a sandbox on 127.0.0.1 whose providers read <paramref name="time"/> (offer expiry, timestamps): give it the
    /// app's clock when a run moves simulated time forward, so offers found "now" are not already expired.
    /// </summary>
    public static Task<SandboxServer> StartAsync(int port, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentNullException.ThrowIfNull(time);
        return StartAsync(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"), standalone: false, time, cancellationToken);
    }

    /// <summary>Starts a sandbox listening on <paramref name="url"/> (Kestrel's --urls syntax).</summary>
    public static Task<SandboxServer> StartAsync(string url, CancellationToken cancellationToken) =>
        StartAsync(url, standalone: false, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Standalone mode logs a line per request and stops on Ctrl+C; in-process mode is silent and leaves
    /// signals to the test runner.
    /// </summary>
    internal static async Task<SandboxServer> StartAsync(string url, bool standalone, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        // The empty builder reads no appsettings.json or ASPNETCORE_* variables: whatever the host process
        // (a test runner, the Functions app's tests) has lying around cannot add endpoints or change behaviour.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            Args = [],
        });
        builder.WebHost.UseKestrelCore().UseUrls(url);
        builder.Services.AddRoutingCore();
        // A hung Timeout fault must not hold up shutdown (it also watches ApplicationStopping).
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddResponseCompression(options => options.Providers.Add<GzipCompressionProvider>());
        builder.Logging.ClearProviders();
        if (standalone)
        {
            builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }
        else
        {
            builder.Services.AddSingleton<IHostLifetime, InProcessLifetime>();
        }

        var app = builder.Build();
        var ledger = new Ledger();
        var faults = new Faults();
        var fares = new Fares { Unpinned = UnpinnedFares.FromEnvironment() };
        var webhooks = new Webhooks(ledger, time);
        if (standalone)
        {
            app.Use(RequestLog.LogAsync);
        }
        app.Use(async (context, next) =>
        {
            // Recorded on arrival (so a client that has its answer always finds its call in the ledger), then
            // updated with the status once answered.
            var provider = ProviderPrefixes.FirstOrDefault(p => context.Request.Path.StartsWithSegments(p.Prefix));
            if (provider.Prefix is null)
            {
                await next(context);
                return;
            }
            var path = context.Request.Path.Value![provider.Prefix.Length..];
            var query = context.Request.QueryString.Value ?? "";
            var key = ledger.Record(new LedgerRequest(provider.Provider, context.Request.Method, path, 0, false, time.UtcNowToSecond()) { Query = query });
            await next(context);
            ledger.Update(key, new LedgerRequest(provider.Provider, context.Request.Method, path, context.Response.StatusCode,
                context.RequestAborted.IsCancellationRequested, time.UtcNowToSecond()) { Query = query });
        });
        app.UseWhen(context => context.Request.Path.StartsWithSegments(DuffelApi.Prefix), duffel =>
        {
            // Duffel gzips when asked (our client sends Accept-Encoding: gzip); the others need not.
            duffel.UseResponseCompression();
            duffel.Use(DuffelApi.GateAsync);
        });
        app.UseWhen(context => context.Request.Path.StartsWithSegments(StripeApi.Prefix), stripe =>
        {
            // CORS first: a browser's preflight carries no key.
            stripe.Use(LoopbackCors.HandleAsync);
            stripe.Use(StripeApi.GateAsync);
        });
        app.UseWhen(context => context.Request.Path.StartsWithSegments(IdentityApi.Prefix), idp => idp.Use(LoopbackCors.HandleAsync));
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ResendApi.Prefix), resend => resend.Use(ResendApi.GateAsync));

        var duffel = new DuffelStore(fares, faults, ledger, time);
        var airline = new Airline(duffel, webhooks);
        new DuffelApi(duffel, faults, webhooks, app.Lifetime.ApplicationStopping).Map(app.MapGroup(DuffelApi.Prefix));
        var stripe = new StripeApi(ledger, webhooks, time, faults, () => ListeningUrl(app), app.Lifetime.ApplicationStopping);
        var cardholder = new Cardholder(stripe);
        stripe.Map(app.MapGroup(StripeApi.Prefix));
        new ResendApi(ledger, faults, time).Map(app.MapGroup(ResendApi.Prefix));
        new AdminApi(ledger, faults, fares, webhooks, airline, cardholder).Map(app.MapGroup(AdminApi.Prefix));
        var identity = new IdentityApi(() => ListeningUrl(app), time);
        identity.Map(app.MapGroup(IdentityApi.Prefix));
        StripeJsScript.Map(app);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await webhooks.DisposeAsync();
            await app.DisposeAsync();
            identity.Dispose();
            throw;
        }
        return new SandboxServer(app, ListeningUrl(app), ledger, faults, fares, webhooks, airline, cardholder, identity);
    }

    /// <summary>The address Kestrel bound (the real port when 0 was asked for), without a trailing slash.</summary>
    private static string ListeningUrl(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');

    /// <summary>Completes when the host is asked to stop (Ctrl+C in standalone mode).</summary>
    internal Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    /// <summary>Stops listening (in-flight hung requests are cut off) and frees the port. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await Webhooks.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        identity.Dispose();
    }
}
