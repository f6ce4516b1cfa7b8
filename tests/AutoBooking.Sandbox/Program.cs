namespace AutoBooking.Sandbox;

/// <summary>
/// Standalone mode for local development:
/// <c>dotnet run --project tests/AutoBooking.Sandbox -- --urls http://127.0.0.1:4010</c>.
/// </summary>
internal static class Program
{
    private const string DefaultUrl = "http://127.0.0.1:4010";

    public static async Task Main(string[] args)
    {
        var url = new ConfigurationBuilder().AddCommandLine(args).Build()["urls"] ?? DefaultUrl;
        await using var sandbox = await SandboxServer.StartAsync(url, standalone: true, CancellationToken.None);
        Console.WriteLine($"AutoBooking provider sandbox on {sandbox.BaseUrl}");
        Console.WriteLine($"  Duffel: {sandbox.DuffelBaseUrl}");
        Console.WriteLine($"  Stripe: {sandbox.StripeBaseUrl}");
        Console.WriteLine($"  Resend: {sandbox.ResendBaseUrl}");
        Console.WriteLine($"  Ledger: {sandbox.BaseUrl}/_sandbox/ledger");
        Console.WriteLine("Press Ctrl+C to stop.");
        await sandbox.WaitForShutdownAsync();
    }
}
