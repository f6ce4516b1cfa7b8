namespace AutoBooking.Sandbox;

/// <summary>
/// Standalone mode for local development:
/// <c>dotnet run --project tests/AutoBooking.Sandbox -- --urls http://127.0.0.1:4010</c>, optionally with
/// <c>--webhook-url http://localhost:7071/api/webhooks/{provider} --duffel-webhook-secret … --stripe-webhook-secret …</c>
/// to send signed webhooks (<c>{provider}</c> becomes duffel or stripe).
/// </summary>
internal static class Program
{
    private const string DefaultUrl = "http://127.0.0.1:4010";

    public static async Task Main(string[] args)
    {
        var arguments = new ConfigurationBuilder().AddCommandLine(args).Build();
        var url = arguments["urls"] ?? DefaultUrl;
        await using var sandbox = await SandboxServer.StartAsync(url, standalone: true, TimeProvider.System, CancellationToken.None);
        if (arguments["webhook-url"] is { Length: > 0 } webhookUrl)
        {
            sandbox.Webhooks.Configure(new Uri(webhookUrl), arguments["duffel-webhook-secret"], arguments["stripe-webhook-secret"]);
            Console.WriteLine($"  Webhooks to {webhookUrl}");
        }
        Console.WriteLine($"AutoBooking provider sandbox on {sandbox.BaseUrl}");
        Console.WriteLine($"  Duffel: {sandbox.DuffelBaseUrl}");
        Console.WriteLine($"  Stripe: {sandbox.StripeBaseUrl}");
        Console.WriteLine($"  Resend: {sandbox.ResendBaseUrl}");
        Console.WriteLine($"  Identity provider: {sandbox.IdentityIssuer} (client autobooking-web, audience {sandbox.ApiAudience})");
        Console.WriteLine($"    metadata: {sandbox.IdentityMetadataAddress}");
        Console.WriteLine("    test users: sandbox-ada, sandbox-grace (travelers), sandbox-olivia (operator), or any id on the sign-in page");
        Console.WriteLine($"  Stripe.js stand-in: {sandbox.StripeJsUrl} (publishable key pk_test_…)");
        Console.WriteLine($"  Ledger: {sandbox.BaseUrl}/_sandbox/ledger");
        Console.WriteLine("Press Ctrl+C to stop.");
        await sandbox.WaitForShutdownAsync();
    }
}
