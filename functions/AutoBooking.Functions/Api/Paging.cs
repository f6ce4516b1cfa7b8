using Microsoft.AspNetCore.Http;

namespace AutoBooking.Functions.Api;

/// <summary>Keyset paging from <c>?limit=&amp;cursor=</c>: limit 1–100 (default 20), cursor is the last id of the previous page.</summary>
public sealed record Paging(int Limit, Guid? Cursor)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static (Paging? Paging, Dictionary<string, string[]> Errors) From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var limit = DefaultLimit;
        var limitText = request.Query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"Must be a whole number from 1 to {MaxLimit}."];
        }
        Guid? cursor = null;
        var cursorText = request.Query["cursor"].ToString();
        if (cursorText.Length > 0)
        {
            if (Guid.TryParse(cursorText, out var parsed))
            {
                cursor = parsed;
            }
            else
            {
                errors["cursor"] = ["Must be the nextCursor of a previous page."];
            }
        }
        return errors.Count > 0 ? (null, errors) : (new Paging(limit, cursor), errors);
    }
}
