using System.Net.Http.Headers;

namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>A request a production client sent to <see cref="RecordedProvider"/>: method, URI, headers and body text.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, HttpRequestHeaders Headers, HttpContentHeaders? ContentHeaders, string? Body)
{
    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : ContentHeaders is not null && ContentHeaders.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : null;

    /// <summary>A form-encoded body (Stripe's) as a dictionary, brackets kept: <c>metadata[attempt_id]</c>.</summary>
    public Dictionary<string, string> Form() =>
        (Body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""), StringComparer.Ordinal);
}
