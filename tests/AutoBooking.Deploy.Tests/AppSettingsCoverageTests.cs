using System.Text.Json.Nodes;
using AutoBooking.Deploy.Tests.Support;

namespace AutoBooking.Deploy.Tests;

/// <summary>
/// Every app setting the app binds (each options class's SectionName and properties) and every key of
/// local.settings.sample.json is set by the Bicep template, or is listed here as optional with the reason.
/// A setting added to the app without a place in the deployment fails this test.
/// </summary>
public sealed class AppSettingsCoverageTests
{
    /// <summary>Settings the template deliberately leaves out: the app's default is right in Azure.</summary>
    private static readonly Dictionary<string, string> Optional = new(StringComparer.Ordinal)
    {
        ["Auth__AllowHttpMetadata"] = "only for a local identity provider on loopback; false (HTTPS metadata) in Azure",
        ["Redis__TripLockSeconds"] = "lifetime of an orphaned booking-start lock; the default (30 s) is the tested value",
        ["Redis__ConnectTimeoutMilliseconds"] = "first Redis connect before the app goes on without it; the default (3 s) suits Azure Cache for Redis",
        ["Queues__SearchRequests"] = "queue name fixed by the trigger attributes; overridden only by tests",
        ["Queues__BookingRequests"] = "queue name fixed by the trigger attributes; overridden only by tests",
        ["Booking__ReconcileScheduleSeconds"] = "the former name of Booking__OrderLookUpScheduleSeconds (which the template sets), honoured only when set",
    };

    /// <summary>Settings Azure provides outside the app settings object.</summary>
    private static readonly Dictionary<string, string> ProvidedByPlatform = new(StringComparer.Ordinal)
    {
        ["FUNCTIONS_WORKER_RUNTIME"] = "Flex Consumption takes it from functionAppConfig.runtime (dotnet-isolated 10.0) and rejects it as an app setting",
    };

    /// <summary>Identity-based connections: the template sets <c>&lt;name&gt;__accountName</c> instead of a connection string.</summary>
    private static readonly string[] IdentityConnections = ["AzureWebJobsStorage"];

    [Fact]
    public async Task ValidatedSettings_EveryOptionsProperty_IsInTemplateOrDocumentedOptional()
    {
        var settings = await AppSettingsAsync();

        var missing = OptionsSettingNames().Where(name => !Covered(settings, name)).ToList();

        Assert.True(missing.Count == 0, "Not in infra/modules/functionApp.bicep nor documented optional: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task SampleSettings_EveryKey_IsInTemplateOrDocumentedOptional()
    {
        var settings = await AppSettingsAsync();

        var missing = SampleSettingNames().Where(name => !Covered(settings, name)).ToList();

        Assert.True(missing.Count == 0, "Keys of local.settings.sample.json missing from the template: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task DocumentedOptional_EveryEntry_IsARealSettingTheTemplateLeavesOut()
    {
        var settings = await AppSettingsAsync();
        var known = OptionsSettingNames().Concat(SampleSettingNames()).ToHashSet(StringComparer.Ordinal);

        foreach (var name in Optional.Keys)
        {
            Assert.Contains(name, known);
            Assert.DoesNotContain($"'{name}'", settings, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WorkerRuntime_FunctionAppConfig_IsDotnetIsolated10()
    {
        var compiled = await CompiledTemplate.GetAsync();

        var site = CompiledTemplate.Resources(compiled.Json).Single(r => (string?)r["type"] == "Microsoft.Web/sites");
        var runtime = site["properties"]?["functionAppConfig"]?["runtime"];

        Assert.Equal("dotnet-isolated", (string?)runtime?["name"]);
        Assert.Equal("10.0", (string?)runtime?["version"]);
        // System-assigned for Storage and Key Vault; the user-assigned database identity for PostgreSQL.
        Assert.Equal("SystemAssigned, UserAssigned", (string?)site["identity"]?["type"]);
    }

    [Fact]
    public async Task Secrets_AreKeyVaultReferences_NeverValues()
    {
        var settings = await AppSettingsAsync();

        foreach (var secret in new[]
                 {
                     "Redis__ConnectionString", "Duffel__AccessToken", "Duffel__WebhookSecret",
                     "Stripe__SecretKey", "Stripe__WebhookSecret", "Resend__ApiKey", "Auth__SigningKey",
                 })
        {
            // createObject('<name>', keyVaultReference(...)) in the compiled expression.
            var at = settings.IndexOf($"'{secret}', ", StringComparison.Ordinal);
            Assert.True(at >= 0, $"{secret} is not set by the template");
            Assert.StartsWith("__bicep.keyVaultReference(", settings[(at + secret.Length + 4)..], StringComparison.Ordinal);
        }
        Assert.Contains("'Pii__Keys__{0}'", settings, StringComparison.Ordinal);
        // No longer a secret: the app signs in to PostgreSQL with Microsoft Entra (PrivateNetworkTests).
        Assert.DoesNotContain("'Postgres__ConnectionString', __bicep.keyVaultReference(", settings, StringComparison.Ordinal);
    }

    private static async Task<string> AppSettingsAsync()
    {
        var compiled = await CompiledTemplate.GetAsync();
        Assert.True(compiled.Build.IsClean, compiled.Build.Describe("bicep build infra/main.bicep"));
        return compiled.AppSettingsExpression();
    }

    private static bool Covered(string settings, string name) =>
        settings.Contains($"'{name}'", StringComparison.Ordinal)
        || settings.Contains($"'{name}__{{", StringComparison.Ordinal) // a dictionary section: 'Pii__Keys__{0}'
        || (name.LastIndexOf("__", StringComparison.Ordinal) is var cut and > 0
            && settings.Contains($"'{name[..cut]}__{{", StringComparison.Ordinal)) // one of its entries: Pii__Keys__v1
        || (IdentityConnections.Contains(name) && settings.Contains($"'{name}__accountName'", StringComparison.Ordinal))
        || Optional.ContainsKey(name)
        || ProvidedByPlatform.ContainsKey(name);

    private static IEnumerable<string> OptionsSettingNames() => OptionsSettings.Names();

    private static IEnumerable<string> SampleSettingNames()
    {
        var sample = JsonNode.Parse(File.ReadAllText(RepositoryPaths.SampleSettings))!;
        return sample["Values"]!.AsObject().Select(kv => kv.Key);
    }
}
