namespace AutoBooking.Deploy.Tests.Support;

/// <summary>What one Bicep CLI run printed. Diagnostics (warnings, errors, linter findings) go to stderr.</summary>
public sealed record BicepResult(int ExitCode, string Output, string Diagnostics)
{
    /// <summary>Compiled cleanly: exit code 0 and not one diagnostic, so a new warning fails CI too.</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(Diagnostics);

    public string Describe(string what) => $"{what}: exit code {ExitCode}\n{Diagnostics}";
}
