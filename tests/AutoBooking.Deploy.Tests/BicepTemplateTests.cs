using AutoBooking.Deploy.Tests.Support;

namespace AutoBooking.Deploy.Tests;

/// <summary>
/// The Azure deployment compiles and lints with the Bicep CLI from NuGet, with no diagnostics at all
/// (infra/bicepconfig.json raises the linter rules to errors), so a broken template fails the test command.
/// </summary>
public sealed class BicepTemplateTests
{
    public static TheoryData<string> ParameterFiles() =>
        new(RepositoryPaths.ParameterFiles.Select(Path.GetFileName).OfType<string>());

    [Fact]
    public async Task MainTemplate_Build_CompilesWithoutDiagnostics()
    {
        var compiled = await CompiledTemplate.GetAsync();

        Assert.True(compiled.Build.IsClean, compiled.Build.Describe("bicep build infra/main.bicep"));
        Assert.NotNull(compiled.Json?["resources"]);
    }

    [Fact]
    public async Task MainTemplate_Lint_HasNoFindings()
    {
        var lint = await BicepCli.RunAsync("lint", RepositoryPaths.MainTemplate);

        Assert.True(lint.IsClean, lint.Describe("bicep lint infra/main.bicep"));
    }

    [Fact]
    public void Environments_AtLeastOneParameterFile_Exists()
    {
        Assert.Contains("prod.bicepparam", RepositoryPaths.ParameterFiles.Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task ParameterFile_BuildParams_CompilesAgainstMainTemplate(string file)
    {
        var path = Path.Combine(RepositoryPaths.Infra, "env", file);

        // build-params compiles main.bicep with the file's values and runs the linter over both.
        var build = await BicepCli.RunAsync("build-params", path, "--stdout");

        Assert.True(build.IsClean, build.Describe($"bicep build-params infra/env/{file}"));
        Assert.Contains("environmentName", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenTemplate_Build_FailsWithTheCompilerOutput()
    {
        // Proves the check can fail: a template with a type error.
        var broken = Path.Combine(Path.GetTempPath(), $"autobooking-broken-{Guid.NewGuid():N}.bicep");
        await File.WriteAllTextAsync(broken, "param count int = 'three'\noutput doubled int = count * 2\n");
        try
        {
            var build = await BicepCli.RunAsync("build", broken, "--stdout");

            Assert.False(build.IsClean);
            Assert.Contains("BCP", build.Diagnostics, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
