using System.Text.Json.Nodes;

namespace AutoBooking.Deploy.Tests.Support;

/// <summary>infra/main.bicep compiled once per test run (the compiler takes seconds to start).</summary>
public sealed class CompiledTemplate
{
    private static readonly Lazy<Task<CompiledTemplate>> Instance = new(CompileAsync);

    private CompiledTemplate(BicepResult build, JsonNode? json)
    {
        Build = build;
        Json = json;
    }

    public BicepResult Build { get; }

    public JsonNode? Json { get; }

    public static Task<CompiledTemplate> GetAsync() => Instance.Value;

    /// <summary>The Function App's app settings expression (Microsoft.Web/sites/config "appsettings"), compiled.</summary>
    public string AppSettingsExpression()
    {
        var settings = Resources(Json).SingleOrDefault(r =>
            (string?)r["type"] == "Microsoft.Web/sites/config" && ((string?)r["name"] ?? "").Contains("appsettings", StringComparison.Ordinal));
        // A union(...) of the settings objects: an ARM expression string whose literal keys are quoted with '.
        var properties = settings?["properties"];
        return (properties is JsonValue value ? value.GetValue<string>() : properties?.ToJsonString()) ?? throw new InvalidOperationException("No appsettings resource in the compiled template.");
    }

    /// <summary>Every resource, in the main template and in nested module deployments (array or symbolic-name form).</summary>
    public static IEnumerable<JsonObject> Resources(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (obj["type"] is JsonValue && obj["properties"] is not null)
            {
                yield return obj;
            }
            foreach (var (_, child) in obj)
            {
                foreach (var found in Resources(child))
                {
                    yield return found;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                foreach (var found in Resources(child))
                {
                    yield return found;
                }
            }
        }
    }

    private static async Task<CompiledTemplate> CompileAsync()
    {
        var build = await BicepCli.RunAsync("build", RepositoryPaths.MainTemplate, "--stdout");
        return new CompiledTemplate(build, build.ExitCode == 0 ? JsonNode.Parse(build.Output) : null);
    }
}
