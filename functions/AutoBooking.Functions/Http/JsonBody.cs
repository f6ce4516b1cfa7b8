using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.Functions.Http;

/// <summary>
/// Reads a JSON request body defensively: content type checked, size capped while reading, unknown
/// fields refused (so clients cannot smuggle in server-owned fields), and every failure a problem result.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // The web defaults accept "500" for a number; an API with money in it should not guess.
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<(T? Value, IActionResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType());
        }
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.PayloadTooLarge(MaxBytes));
        }

        // Content-Length can be absent (chunked): never buffer more than the limit.
        var buffer = new byte[MaxBytes + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += chunk;
        }
        if (read > MaxBytes)
        {
            return (null, Problems.PayloadTooLarge(MaxBytes));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, read), Options);
            return value is null ? (null, Problems.MalformedJson("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            // JsonException messages name the path and position, never echo values: safe to return.
            return (null, Problems.MalformedJson(ex.Message));
        }
    }
}
