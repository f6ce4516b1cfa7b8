using System.Diagnostics;
using System.Reflection;

namespace AutoBooking.Deploy.Tests.Support;

/// <summary>
/// Runs the Bicep compiler restored from NuGet (Azure.Bicep.CommandLine.linux-x64, located through the build's
/// GeneratePathProperty). Every run is offline: the templates use no registry modules.
/// </summary>
public static class BicepCli
{
    /// <summary>Read by the parameter files (readEnvironmentVariable); the value only has to exist to compile.</summary>
    public const string PasswordVariable = "POSTGRES_ADMIN_PASSWORD";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string ExecutablePath =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("BicepPath metadata missing: is Azure.Bicep.CommandLine.linux-x64 referenced?");

    public static async Task<BicepResult> RunAsync(params string[] arguments)
    {
        var path = ExecutablePath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Bicep CLI not found at {path}; run `dotnet restore` (package Azure.Bicep.CommandLine.linux-x64).");
        }
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Infra,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment[PasswordVariable] = "compile-only-placeholder";
        // No telemetry or update checks from a test run.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(timeout.Token);
        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }
}
