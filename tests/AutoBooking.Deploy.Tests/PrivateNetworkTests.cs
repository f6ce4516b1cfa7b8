using System.Text.Json;
using System.Text.Json.Nodes;
using AutoBooking.Deploy.Tests.Support;

namespace AutoBooking.Deploy.Tests;

/// <summary>
/// Nothing reachable from the internet but the app (issue 22), held on the compiled template as a deployment would
/// see it (<see cref="DeployedResource.Walk"/> decides every condition from the parameter values): the data stores
/// have public network access off, each is reached through private endpoints (or, for PostgreSQL, VNet injection)
/// with a private DNS zone linked to the network, no firewall rule opens 0.0.0.0, and no app setting carries a
/// password or key where an identity signs in. The one public option (publicDataAccess, for cheap dev experiments)
/// is off unless a parameter file turns it on, and none does.
/// </summary>
public sealed class PrivateNetworkTests
{
    private const string PublicOption = "publicDataAccess";

    /// <summary>Every data store of the deployment, and where its public switch sits.</summary>
    private static readonly (string Type, string[] Path)[] DataStores =
    [
        ("Microsoft.DBforPostgreSQL/flexibleServers", ["network", "publicNetworkAccess"]),
        ("Microsoft.Storage/storageAccounts", ["publicNetworkAccess"]),
        ("Microsoft.KeyVault/vaults", ["publicNetworkAccess"]),
        ("Microsoft.Cache/redis", ["publicNetworkAccess"]),
    ];

    /// <summary>The stores reached through private endpoints, with the sub-resources (group ids) each needs.</summary>
    private static readonly (string Type, string[] Groups)[] EndpointStores =
    [
        ("Microsoft.Storage/storageAccounts", ["blob", "queue", "table"]),
        ("Microsoft.KeyVault/vaults", ["vault"]),
        ("Microsoft.Cache/redis", ["redisCache"]),
    ];

    [Fact]
    public async Task DataStores_ByDefault_HavePublicNetworkAccessDisabled()
    {
        var resources = await DeployedAsync(new Dictionary<string, object?>());

        foreach (var (type, path) in DataStores)
        {
            var store = Assert.Single(resources, r => r.Type == type && r.Deployed);
            Assert.Equal("Disabled", store.Evaluate(Property(store.Resource, path)));
        }
    }

    [Fact]
    public async Task DataStores_ByDefault_HavePrivateEndpointsWithLinkedDnsZones()
    {
        var resources = await DeployedAsync(new Dictionary<string, object?>());

        foreach (var (type, groups) in EndpointStores)
        {
            foreach (var group in groups)
            {
                var endpoint = EndpointModules(resources, type, group).SingleOrDefault(m => m.Deployed);
                Assert.True(endpoint is not null, $"No private endpoint for {type} ({group}).");
                var zoneName = Text(endpoint.Resource["properties"]?["parameters"]?["dnsZoneName"]?["value"]);
                Assert.Contains("privatelink.", zoneName, StringComparison.Ordinal);
                AssertDeploysZoneLinkAndRecord(resources, endpoint);
            }
        }
    }

    [Fact]
    public async Task Postgres_IsVNetInjected_WithAPrivateDnsZoneLinkedToTheNetwork()
    {
        var resources = await DeployedAsync(new Dictionary<string, object?>());

        var server = Assert.Single(resources, r => r.Type == "Microsoft.DBforPostgreSQL/flexibleServers" && r.Deployed);
        var network = server.Resource["properties"]?["network"];
        Assert.False(string.IsNullOrEmpty(Text(network?["delegatedSubnetResourceId"])), "PostgreSQL has no delegated subnet.");
        Assert.Contains("Microsoft.Network/privateDnsZones", Text(network?["privateDnsZoneArmResourceId"]), StringComparison.Ordinal);
        var zone = Assert.Single(resources, r => r.Module == server.Module && r.Type == "Microsoft.Network/privateDnsZones" && r.Deployed);
        Assert.Contains(".postgres.database.azure.com", Text(zone.Resource["name"]), StringComparison.Ordinal);
        Assert.Contains(resources, r => r.Module == server.Module && r.Type == "Microsoft.Network/privateDnsZones/virtualNetworkLinks" && r.Deployed);
        Assert.Equal("Enabled", Text(server.Resource["properties"]?["authConfig"]?["activeDirectoryAuth"]));
        Assert.Contains(resources, r => r.Type == "Microsoft.DBforPostgreSQL/flexibleServers/administrators" && r.Deployed);
    }

    [Fact]
    public async Task FunctionApp_IsVNetIntegrated_InASubnetDelegatedToFlexConsumption()
    {
        var resources = await DeployedAsync(new Dictionary<string, object?>());

        var site = Assert.Single(resources, r => r.Type == "Microsoft.Web/sites");
        Assert.False(string.IsNullOrEmpty(Text(site.Resource["properties"]?["virtualNetworkSubnetId"])), "The Function App has no VNet integration.");
        var vnet = Assert.Single(resources, r => r.Type == "Microsoft.Network/virtualNetworks");
        var delegations = (vnet.Resource["properties"]?["subnets"]?.AsArray() ?? [])
            .ToDictionary(s => Text(s?["name"]), s => Text(s?["properties"]?["delegations"]?[0]?["properties"]?["serviceName"]));
        Assert.Equal("Microsoft.App/environments", delegations["app"]);
        Assert.Equal("Microsoft.DBforPostgreSQL/flexibleServers", delegations["postgres"]);
    }

    [Fact]
    public async Task Template_NoFirewallRule_OpensAllAddresses()
    {
        var compiled = await CompiledAsync();
        var resources = DeployedResource.Walk(compiled.Json!, new Dictionary<string, object?> { [PublicOption] = true });

        // Not even with the public option: the "allow Azure services" rule (0.0.0.0) is gone for good.
        Assert.DoesNotContain(resources, r => r.Type.EndsWith("/firewallRules", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Strings(compiled.Json), s => s.StartsWith("0.0.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppSettings_IdentityConnections_CarryNoPasswordOrKey()
    {
        var compiled = await CompiledAsync();
        var settings = compiled.AppSettingsExpression();

        var postgres = SettingExpression(settings, "Postgres__ConnectionString");
        Assert.DoesNotContain("keyVaultReference", postgres, StringComparison.Ordinal);
        Assert.Contains("Username=", postgres, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", postgres, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("'true'", SettingExpression(settings, "Postgres__UseEntraAuthentication"));
        Assert.DoesNotContain("'AzureWebJobsStorage'", settings, StringComparison.Ordinal);
        foreach (var secretMaterial in new[] { "Password=", "AccountKey", "SharedAccessSignature", "listKeys" })
        {
            Assert.DoesNotContain(secretMaterial, settings, StringComparison.OrdinalIgnoreCase);
        }
        // The template writes no database password into Key Vault either (Redis' access key is the one secret it writes).
        Assert.DoesNotContain(await DeployedAsync(new Dictionary<string, object?>()), r =>
            r.Type == "Microsoft.KeyVault/vaults/secrets" && r.Resource.ToJsonString().Contains("Password=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublicOption_DefaultsOff_AndNoEnvironmentTurnsItOn()
    {
        var compiled = await CompiledAsync();
        Assert.False(compiled.Json!["parameters"]?[PublicOption]?["defaultValue"]?.GetValue<bool>());

        foreach (var file in RepositoryPaths.ParameterFiles)
        {
            var build = await BicepCli.RunAsync("build-params", file, "--stdout");
            Assert.True(build.IsClean, build.Describe($"bicep build-params {Path.GetFileName(file)}"));
            var parameters = JsonNode.Parse((string)JsonNode.Parse(build.Output)!["parametersJson"]!)!["parameters"];
            Assert.NotEqual(true, parameters?[PublicOption]?["value"]?.GetValue<bool>());
        }
    }

    [Fact]
    public async Task PublicOption_OptedIn_OpensStorageKeyVaultAndRedisOnly_PostgresStaysPrivate()
    {
        var resources = await DeployedAsync(new Dictionary<string, object?> { [PublicOption] = true });

        foreach (var (type, path) in DataStores)
        {
            var store = Assert.Single(resources, r => r.Type == type && r.Deployed);
            var expected = type == "Microsoft.DBforPostgreSQL/flexibleServers" ? "Disabled" : "Enabled";
            Assert.Equal(expected, store.Evaluate(Property(store.Resource, path)));
        }
        foreach (var (type, groups) in EndpointStores)
        {
            Assert.All(groups, group => Assert.DoesNotContain(EndpointModules(resources, type, group), m => m.Deployed));
        }
    }

    private static async Task<CompiledTemplate> CompiledAsync()
    {
        var compiled = await CompiledTemplate.GetAsync();
        Assert.True(compiled.Build.IsClean, compiled.Build.Describe("bicep build infra/main.bicep"));
        return compiled;
    }

    private static async Task<IReadOnlyList<DeployedResource>> DeployedAsync(Dictionary<string, object?> parameters) =>
        DeployedResource.Walk((await CompiledAsync()).Json!, parameters);

    /// <summary>Module calls (privateEndpoint.bicep) whose private endpoint connects to a store of this type with this group id.</summary>
    private static IEnumerable<DeployedResource> EndpointModules(IEnumerable<DeployedResource> resources, string storeType, string group) =>
        resources.Where(r => r.Type == "Microsoft.Resources/deployments"
            && Text(r.Resource["properties"]?["template"]?["resources"]).Contains("Microsoft.Network/privateEndpoints", StringComparison.Ordinal)
            && Text(r.Resource["properties"]?["parameters"]?["serviceId"]?["value"]).Contains(storeType, StringComparison.Ordinal)
            && Text(r.Resource["properties"]?["parameters"]?["groupId"]?["value"]) is var groupId
            && (groupId == group || groupId.Contains($"'{group}'", StringComparison.Ordinal)));

    private static void AssertDeploysZoneLinkAndRecord(IEnumerable<DeployedResource> resources, DeployedResource endpointModule)
    {
        var inside = resources.Where(r => r.Module.StartsWith(endpointModule.Module + "/", StringComparison.Ordinal) && r.Deployed).Select(r => r.Type).ToList();
        Assert.Contains("Microsoft.Network/privateEndpoints", inside);
        Assert.Contains("Microsoft.Network/privateDnsZones", inside);
        Assert.Contains("Microsoft.Network/privateDnsZones/virtualNetworkLinks", inside);
        Assert.Contains("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", inside);
    }

    private static JsonNode? Property(JsonObject resource, string[] path) =>
        path.Aggregate(resource["properties"], (node, name) => node?[name]);

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string)value! : node?.ToJsonString() ?? "";

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(kv => Strings(kv.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [(string)value!],
        _ => [],
    };

    /// <summary>The compiled value expression of one app setting: the argument after <c>'name', </c> up to the next top-level comma.</summary>
    private static string SettingExpression(string settings, string name)
    {
        var at = settings.IndexOf($"'{name}', ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{name} is not set by the template");
        var start = at + name.Length + 4;
        var depth = 0;
        var quoted = false;
        for (var i = start; i < settings.Length; i++)
        {
            switch (settings[i])
            {
                case '\'':
                    quoted = !quoted;
                    break;
                case '(' when !quoted:
                    depth++;
                    break;
                case ')' when !quoted && depth > 0:
                    depth--;
                    break;
                case ')' or ',' when !quoted && depth == 0:
                    return settings[start..i];
            }
        }
        return settings[start..];
    }
}
