extern alias hosttests;
using System.Text.Json;
using hosttests::AutoBooking.HostTests.Rpc;

namespace AutoBooking.WebTestHost;

/// <summary>Reads the worker's HTTP functions out of its <c>FunctionMetadataResponse</c>, as the host builds its routes.</summary>
public static class WorkerFunctions
{
    /// <summary>host.json's <c>extensions.http.routePrefix</c>.</summary>
    public const string RoutePrefix = "api";

    public static IReadOnlyList<WorkerHttpFunction> Http(FunctionMetadataResponse metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var functions = new List<WorkerHttpFunction>();
        foreach (var function in metadata.FunctionMetadataResults)
        {
            var bindings = function.RawBindings.Select(raw => JsonDocument.Parse(raw).RootElement).ToList();
            var trigger = bindings.SingleOrDefault(b => Type(b) == "httptrigger");
            if (trigger.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            var route = trigger.TryGetProperty("route", out var r) && r.GetString() is { Length: > 0 } template ? template : function.Name;
            var methods = trigger.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList()
                : ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
            var durable = bindings.Where(b => Type(b) == "durableclient").Select(b => b.GetProperty("name").GetString()!).ToList();
            functions.Add(new WorkerHttpFunction(function.Name, route, methods, trigger.GetProperty("name").GetString()!, durable));
        }
        return functions;
    }

    private static string Type(JsonElement binding) => binding.GetProperty("type").GetString()!.ToLowerInvariant();
}
