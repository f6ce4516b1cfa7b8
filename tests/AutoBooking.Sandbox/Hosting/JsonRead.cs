using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Hosting;

/// <summary>Tolerant readers for request bodies: a wrong type reads as "missing" and is reported by the caller.</summary>
internal static class JsonRead
{
    /// <summary>Parses a request body; null when it is not JSON.</summary>
    public static async Task<JsonNode?> BodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static int? Int(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) ? number : null;

    /// <summary>A decimal sent as a string ("432.10", Duffel's convention) or, leniently, as a number.</summary>
    public static decimal? Decimal(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }
        return value.GetValueKind() switch
        {
            JsonValueKind.String when decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonValueKind.Number when value.TryGetValue<decimal>(out var number) => number,
            _ => null,
        };
    }

    /// <summary>A JSON object of string values, e.g. metadata; non-string values are kept as their JSON text.</summary>
    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                map[key] = String(value) ?? value?.ToJsonString() ?? "";
            }
        }
        return map;
    }
}
