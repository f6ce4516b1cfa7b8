using System.Text.Json;
using System.Text.Json.Nodes;
using AutoBooking.Deploy.Tests.Support;

namespace AutoBooking.Deploy.Tests;

/// <summary>
/// The web app's hosting (issue 21), held on the compiled template: a Static Web App with no preview environments
/// (each would be another public origin), whose origin the Function App's CORS lets in next to the configured ones,
/// and no environment that lets every origin in.
/// </summary>
public sealed class WebHostingTests
{
    [Fact]
    public async Task WebApp_IsAStaticWebApp_WithoutPreviewEnvironments()
    {
        var resources = await DeployedAsync();

        var site = Assert.Single(resources, r => r.Type == "Microsoft.Web/staticSites");
        Assert.True(site.Deployed);
        Assert.Equal("Disabled", site.Evaluate(site.Resource["properties"]?["stagingEnvironmentPolicy"]));
        Assert.Equal("None", site.Evaluate(site.Resource["properties"]?["provider"]));
    }

    [Fact]
    public async Task FunctionApp_Cors_AllowsTheWebAppsOrigin_AndTheConfiguredOnes_WithoutCredentials()
    {
        var compiled = await CompiledAsync();
        var resources = DeployedResource.Walk(compiled.Json!, new Dictionary<string, object?>());

        var functionAppModule = Assert.Single(resources, r => r.Type == "Microsoft.Resources/deployments" && r.Module == "main"
            && Text(r.Resource["name"]) == "functionApp");
        var passedOrigin = Text(Assert.Single(functionAppModule.Resource["properties"]?["parameters"]?["webOrigins"]?["value"]?.AsArray() ?? []));
        Assert.Contains("reference('webApp')", passedOrigin, StringComparison.Ordinal);
        Assert.Contains("outputs.origin", passedOrigin, StringComparison.Ordinal);

        var site = Assert.Single(resources, r => r.Type == "Microsoft.Web/sites");
        var cors = site.Resource["properties"]?["siteConfig"]?["cors"];
        var allowed = Text(cors?["allowedOrigins"]);
        Assert.Contains("union(", allowed, StringComparison.Ordinal);
        Assert.Contains("allowedOrigins", allowed, StringComparison.Ordinal);
        Assert.Contains("webOrigins", allowed, StringComparison.Ordinal);
        Assert.Equal(false, site.Evaluate(cors?["supportCredentials"]));
    }

    [Fact]
    public async Task WebApp_OriginOutput_IsHttpsOnTheSitesHostName()
    {
        var compiled = await CompiledAsync();

        var module = Resources(compiled.Json).Single(r => Text(r["name"]) == "webApp");
        var origin = Text(module["properties"]?["template"]?["outputs"]?["origin"]?["value"]);
        Assert.StartsWith("[format('https://{0}'", origin, StringComparison.Ordinal);
        Assert.Contains("defaultHostname", origin, StringComparison.Ordinal);
        Assert.Contains("webAppUrl", compiled.Json!["outputs"]!.AsObject().Select(o => o.Key));
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task ParameterFile_AllowedOrigins_AreExplicit_NeverAWildcard(string file)
    {
        var build = await BicepCli.RunAsync("build-params", Path.Combine(RepositoryPaths.Infra, "env", file), "--stdout");
        Assert.True(build.IsClean, build.Describe($"bicep build-params infra/env/{file}"));
        var parameters = JsonNode.Parse((string)JsonNode.Parse(build.Output)!["parametersJson"]!)!["parameters"];

        var origins = parameters?["app"]?["value"]?["allowedOrigins"]?.AsArray().Select(o => (string)o!).ToList() ?? [];
        Assert.All(origins, origin =>
        {
            Assert.DoesNotContain("*", origin, StringComparison.Ordinal);
            Assert.True(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/" && !origin.EndsWith('/'),
                $"{origin} is not an origin (scheme://host[:port], no path)");
            Assert.True(uri!.Scheme == "https" || uri.IsLoopback, $"{origin}: only https origins, or loopback for development");
        });
    }

    public static TheoryData<string> ParameterFiles() => new(RepositoryPaths.ParameterFiles.Select(Path.GetFileName).OfType<string>());

    private static async Task<CompiledTemplate> CompiledAsync()
    {
        var compiled = await CompiledTemplate.GetAsync();
        Assert.True(compiled.Build.IsClean, compiled.Build.Describe("bicep build infra/main.bicep"));
        return compiled;
    }

    private static async Task<IReadOnlyList<DeployedResource>> DeployedAsync() =>
        DeployedResource.Walk((await CompiledAsync()).Json!, new Dictionary<string, object?>());

    private static IEnumerable<JsonObject> Resources(JsonNode? template) => CompiledTemplate.Resources(template);

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string)value! : node?.ToJsonString() ?? "";
}
