using System.Text.Json;
using AutoBooking.Core.Validation;

namespace AutoBooking.Infrastructure.Webhooks;

/// <summary>
/// The shape every provider event we act on has, checked after the signature and before anything reads it: a JSON
/// object with a string <c>id</c> (letters, digits, underscores; it becomes a database key), a string <c>type</c>
/// (dotted lowercase words, e.g. <c>order.created</c>) and <c>data.object</c> a JSON object. Anything else (an array,
/// a string, an id with a NUL, no data, a property twice) is a malformed payload: the caller answers 400, never 500.
/// </summary>
public static class WebhookEventShape
{
    public const int MaxIdLength = 255;

    public const int MaxTypeLength = 100;

    public static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        try
        {
            // Duplicate properties are refused: a reader taking the first "id" would see another event than we record.
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && IsId(id.GetString())
                && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && IsType(type.GetString())
                && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var obj) && obj.ValueKind == JsonValueKind.Object;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or a string that is not valid Unicode (GetString of a lone surrogate escape).
            return false;
        }
    }

    /// <summary>A provider object id fit to look up or store (letters, digits, underscores), or null: never NUL or a newline.</summary>
    public static string? SafeId(string? id) => IsId(id) ? id : null;

    private static bool IsId(string? id) =>
        id is not null && TextRules.IsAscii(id, 1, MaxIdLength, c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsType(string? type) =>
        type is not null && TextRules.IsAscii(type, 3, MaxTypeLength, c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.')
        && type.Contains('.', StringComparison.Ordinal) && type[0] != '.' && type[^1] != '.' && !type.Contains("..", StringComparison.Ordinal);
}
