using System.Text;
using Microsoft.AspNetCore.Http;

namespace AutoBooking.Functions.Api;

/// <summary>Reads a webhook's body exactly as sent (signatures cover the raw bytes), capped in size.</summary>
public static class RawBody
{
    public const int MaxBytes = 256 * 1024;

    /// <summary>The body as UTF-8 text, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<string?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }
        var buffer = new byte[MaxBytes + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += chunk;
        }
        return read > MaxBytes ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }
}
