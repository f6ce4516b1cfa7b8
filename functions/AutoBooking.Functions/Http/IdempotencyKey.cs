using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.Functions.Http;

/// <summary>
/// The optional <c>Idempotency-Key</c> header of creates: 8 to 64 letters, digits, '-' or '_'. A retry with the same key
/// and the same request answers what the first request made (<c>Idempotent-Replayed: true</c>); the same key with another
/// request is 422 <c>idempotency-key-reused</c>.
/// </summary>
public static partial class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The key (null when absent), or the validation problem when it is malformed.</summary>
    public static (string? Key, IActionResult? Problem) Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return (null, null);
        }
        return SafeKey().IsMatch(key)
            ? (key, null)
            : (null, Problems.Validation(new Dictionary<string, string[]> { [Header] = ["Must be 8 to 64 letters, digits, '-' or '_'."] }));
    }

    /// <summary>
    /// The claim for <paramref name="key"/> (null without one). The request is hashed as parsed and re-serialised, so a
    /// retry differing only in whitespace or property order is the same request; the body itself is never stored.
    /// </summary>
    public static IdempotencyClaim? Claim<T>(string? key, string ownerId, string operation, T request) =>
        key is null ? null : new IdempotencyClaim(ownerId, operation, key, SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, JsonBody.Options)));

    /// <summary>Marks a response as the answer to an earlier request with the same key.</summary>
    public static void MarkReplayed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers[ReplayedHeader] = "true";
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{8,64}\z")]
    private static partial Regex SafeKey();
}
