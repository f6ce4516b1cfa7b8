using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoBooking.Deploy.Tests.Support;

/// <summary>
/// One resource of the compiled template as a deployment with given parameter values would see it: whether it is
/// deployed (its condition and every enclosing module's hold) and the module parameters it is evaluated with.
/// </summary>
public sealed record DeployedResource(JsonObject Resource, string Module, bool Deployed, IReadOnlyDictionary<string, object?> Parameters)
{
    public string Type => (string?)Resource["type"] ?? "";

    public override string ToString() => $"{Type} in {Module}{(Deployed ? "" : " (not deployed)")}";

    /// <summary>A property of the resource, evaluated in its module (<see cref="ArmExpression.Unknown"/> when only a deployment knows).</summary>
    public object? Evaluate(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && (string)v! is ['[', .. var inner, ']'] && !inner.StartsWith('[')
            ? ArmExpression.Evaluate(inner, name => Parameters.TryGetValue(name, out var p) ? p : ArmExpression.Unknown)
            : Literal(value);

    /// <summary>Every resource of the template and of its modules, for the given values of the main template's parameters.</summary>
    public static IReadOnlyList<DeployedResource> Walk(JsonNode template, IReadOnlyDictionary<string, object?> given)
    {
        var found = new List<DeployedResource>();
        Walk(template, given, "main", true, found);
        return found;
    }

    private static void Walk(JsonNode template, IReadOnlyDictionary<string, object?> given, string module, bool deployed, List<DeployedResource> found)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, declaration) in template["parameters"]?.AsObject() ?? [])
        {
            parameters[name] = given.TryGetValue(name, out var value) ? value
                : declaration?["defaultValue"] is { } fallback ? new DeployedResource([], module, deployed, parameters).Evaluate(fallback)
                : ArmExpression.Unknown;
        }
        foreach (var (symbol, resource) in Resources(template["resources"]))
        {
            if (resource["existing"] is JsonValue existing && existing.GetValue<bool>())
            {
                continue;
            }
            var entry = new DeployedResource(resource, module, deployed, parameters);
            var condition = resource["condition"] is { } written ? entry.Evaluate(written) : true;
            if (condition is not bool on)
            {
                throw new InvalidOperationException($"Cannot decide the condition {resource["condition"]} of {entry.Type} in {module}.");
            }
            entry = entry with { Deployed = deployed && on };
            found.Add(entry);
            if (entry.Type == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is { } inner)
            {
                var passed = (resource["properties"]?["parameters"]?.AsObject() ?? [])
                    .ToDictionary(p => p.Key, p => entry.Evaluate(p.Value?["value"]), StringComparer.OrdinalIgnoreCase);
                Walk(inner, passed, $"{module}/{symbol}", entry.Deployed, found);
            }
        }
    }

    private static IEnumerable<(string Symbol, JsonObject Resource)> Resources(JsonNode? resources) => resources switch
    {
        JsonObject symbolic => symbolic.Select(kv => (kv.Key, kv.Value!.AsObject())),
        JsonArray list => list.Select((r, i) => ((string?)r!["name"] ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture), r.AsObject())),
        _ => [],
    };

    // Each arm cast to object: JsonNode converts implicitly from string, bool and long, and would wrap them again.
    private static object? Literal(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => (object)(string)v!,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => (object)v.GetValue<bool>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => (object)v.GetValue<long>(),
        _ => (object?)value,
    };
}
