using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AutoBooking.Functions.Api;

/// <summary>
/// Reads a JSON request body defensively: media type parsed (application/json or application/*+json, UTF-8 only),
/// size capped while reading, duplicate properties refused (a proxy reading the first of two "amount"s would see
/// another budget than we store), unknown fields refused (clients cannot smuggle in server-owned fields), and every
/// failure a problem result in our own words naming the field as a JSON pointer: never a .NET type or a framework
/// message.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    public const int MaxDepth = 16;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // The web defaults accept "500" for a number; an API with money in it should not guess.
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = MaxDepth,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth,
    };

    public static async Task<(T? Value, IActionResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
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
        return Parse<T>(buffer.AsMemory(0, read));
    }

    /// <summary>
    /// <c>application/json</c> or <c>application/&lt;anything&gt;+json</c>, parsed (not prefix-matched: "application/jsonx"
    /// is not JSON), with no parameter but an optional <c>charset=utf-8</c> (JSON is UTF-8, RFC 8259).
    /// </summary>
    public static bool IsJson(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var subType = mediaType.SubTypeWithoutSuffix;
        var isJson = mediaType.Suffix.HasValue
            ? mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase) && subType.Length > 0 && !subType.Equals("*", StringComparison.Ordinal)
            : mediaType.SubType.Equals("json", StringComparison.OrdinalIgnoreCase);
        return isJson && mediaType.Parameters.All(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)
            && p.Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && mediaType.Parameters.Count == 1);
    }

    private static (T? Value, IActionResult? Problem) Parse<T>(ReadOnlyMemory<byte> body)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            // Our wording: where it broke (line and byte position, both from zero in the reader), never the reader's text.
            return (null, Problems.MalformedJson(
                $"The body is not well-formed JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}), or it is nested deeper than {MaxDepth} levels.", ""));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.MalformedJson("The body must be a JSON object.", ""));
            }
            if (FindDuplicate(document.RootElement, "") is { } duplicate)
            {
                return (null, Problems.MalformedJson($"{duplicate} appears more than once: send each field once.", duplicate));
            }
            try
            {
                return (document.RootElement.Deserialize<T>(Options), null);
            }
            catch (JsonException ex)
            {
                var pointer = PointerOf(ex.Path);
                var detail = IsKnownMember(typeof(T), pointer)
                    ? $"{Display(pointer)} has the wrong type or format for this field."
                    : $"{Display(pointer)} is not a field of this request.";
                return (null, Problems.MalformedJson(detail, pointer));
            }
            catch (InvalidOperationException)
            {
                // A string escape that is not valid Unicode (a lone surrogate, "\ud800") cannot be read as text.
                return (null, Problems.MalformedJson("The body holds a string that is not valid Unicode text.", ""));
            }
        }
    }

    /// <summary>The JSON pointer of the first property that appears twice in its object, or null.</summary>
    private static string? FindDuplicate(JsonElement element, string pointer)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var child = pointer + "/" + Escape(property.Name);
                if (!seen.Add(property.Name))
                {
                    return child;
                }
                if (FindDuplicate(property.Value, child) is { } nested)
                {
                    return nested;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (FindDuplicate(item, pointer + "/" + index++) is { } nested)
                {
                    return nested;
                }
            }
        }
        return null;
    }

    /// <summary>System.Text.Json's path (<c>$.maxPrice.amount</c>, <c>$.companions[0]</c>, <c>$['a.b']</c>) as a JSON pointer.</summary>
    public static string PointerOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }
        var segments = new List<string>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 2)..end]);
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = Math.Min(path.Length, end + 1);
            }
            else
            {
                i++;
            }
        }
        return string.Concat(segments.Select(s => "/" + Escape(s)));
    }

    /// <summary>True when every segment of <paramref name="pointer"/> names a member of the request type (arrays by index).</summary>
    private static bool IsKnownMember(Type type, string pointer)
    {
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ElementType(type) is { } item)
            {
                if (!int.TryParse(segment, out _))
                {
                    return false;
                }
                type = item;
                continue;
            }
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            if (property is null)
            {
                return false;
            }
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return true;
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : null;

    private static string Display(string pointer) => pointer.Length == 0 ? "The body" : pointer;

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
