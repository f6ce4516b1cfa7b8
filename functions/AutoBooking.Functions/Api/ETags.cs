using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AutoBooking.Functions.Api;

/// <summary>Optimistic concurrency: a trip's ETag is its version; If-Match must name the current one.</summary>
public static class ETags
{
    public static string For(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version the caller expects (null when If-Match is absent or <c>*</c>); -1 when unreadable, which never matches.</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0 || ifMatch == "*")
        {
            return null;
        }
        var value = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
        return int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }
}
