using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// Duffel's cursor pagination: <c>limit</c> (1–200, default 50) and opaque <c>after</c>/<c>before</c> cursors,
/// answered with <c>"meta":{"limit":50,"after":"...","before":null}</c>. A cursor here encodes a position.
/// </summary>
internal sealed record Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Reads limit and cursor from the query; null (with the problem recorded) when they are invalid.</summary>
    public static Paging? Read(IQueryCollection query, DuffelValidation validation)
    {
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            validation.Invalid("/limit", $"limit must be a whole number from 1 to {MaxLimit}.");
            return null;
        }
        var cursor = query.TryGetValue("after", out var after) ? after.ToString() : query.TryGetValue("before", out var before) ? before.ToString() : null;
        var offset = 0;
        if (cursor is not null && !TryDecode(cursor, out offset))
        {
            validation.Invalid(query.ContainsKey("after") ? "/after" : "/before", "The pagination cursor is not valid.");
            return null;
        }
        return new Paging(limit, offset);
    }

    /// <summary>This page of <paramref name="items"/> and Duffel's meta object for it.</summary>
    public (IReadOnlyList<T> Page, JsonObject Meta) Apply<T>(IReadOnlyList<T> items)
    {
        var page = items.Skip(Offset).Take(Limit).ToList();
        var next = Offset + page.Count;
        var meta = new JsonObject
        {
            ["limit"] = Limit,
            ["after"] = next < items.Count ? Encode(next) : null,
            ["before"] = Offset > 0 ? Encode(Math.Max(0, Offset - Limit)) : null,
        };
        return (page, meta);
    }

    private static string Encode(int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("position:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("position:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan("position:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
