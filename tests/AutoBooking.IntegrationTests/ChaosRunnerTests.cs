using System.Diagnostics;
using System.Globalization;
using AutoBooking.IntegrationTests.Support;
using Xunit.Abstractions;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Randomized faults over many bookings (<see cref="ChaosRunner"/>), each followed by one reconciler pass, with the
/// DESIGN §5 invariants checked after each. The test command runs 20 bookings with a fixed seed; the large run is
/// <c>CHAOS_BOOKINGS=1000 dotnet test tests/AutoBooking.IntegrationTests --filter ChaosRunner</c> (optionally
/// <c>CHAOS_SEED</c>), whose figures are printed and written to <c>TestResults/chaos-&lt;seed&gt;-&lt;n&gt;.md</c>.
/// </summary>
public sealed class ChaosRunnerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ReconcilerRig rig = new();

    public async Task InitializeAsync()
    {
        // Short client timeouts: a Timeout fault costs this per try.
        rig.Harness.Overrides["Duffel:TimeoutSeconds"] = "5";
        rig.Harness.Overrides["Resend:TimeoutSeconds"] = "5";
        // Held-fare runs answer at once; an answer that never comes (a crashed worker) times out quickly.
        rig.Harness.Overrides["Booking:ApprovalTimeoutSeconds"] = "20";
        await rig.InitializeAsync();
        rig.Harness.Sandbox.Fares.SetFare("LHR", "JFK", TripBodies.DepartureDate, 420m, "GBP");
    }

    public Task DisposeAsync() => rig.DisposeAsync();

    [Fact]
    public async Task ChaosRunner_RandomFaultsThenOneReconcilerPass_KeepEveryInvariant()
    {
        var bookings = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_BOOKINGS"), CultureInfo.InvariantCulture, out var n) ? n : 20;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261130;
        var runner = new ChaosRunner(rig, seed);
        var clock = Stopwatch.StartNew();

        var reportPath = Path.Combine("TestResults", $"chaos-{seed}-{bookings}.md");
        Directory.CreateDirectory("TestResults");
        // Every 50 bookings the report so far is written too: a long run stopped early still leaves its figures.
        await runner.RunAsync(bookings, line =>
        {
            output.WriteLine(line);
            File.WriteAllText(reportPath, runner.Report.ToMarkdown(seed, clock.Elapsed));
        });

        var report = runner.Report.ToMarkdown(seed, clock.Elapsed);
        output.WriteLine(report);
        await File.WriteAllTextAsync(reportPath, report);
        Assert.Equal(bookings, runner.Report.Runs);
        Assert.True(runner.Report.FaultsByKind.Keys.Count(k => !k.StartsWith("card:", StringComparison.Ordinal)) >= 3, report);
        Assert.True(runner.Report.TotalViolations == 0, report);
    }
}
