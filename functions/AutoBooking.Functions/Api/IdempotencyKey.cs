using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutoBooking.Infrastructure.Postgres;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.Functions.Api;

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
    /// The claim for <paramref name="key"/> (null without one). Every create hashes its <em>validated, normalised</em>
    /// request (the value it would store: codes upper-cased, names trimmed, saved profiles resolved) with amounts written
    /// without trailing zeros, so a retry that differs only in whitespace, property order or how a value is written
    /// (<c>500</c> / <c>500.00</c>, spaces around a name) is the same request. The body itself is never stored.
    /// </summary>
    public static IdempotencyClaim? Claim<T>(string? key, string ownerId, string operation, T normalisedRequest) =>
        key is null ? null : new IdempotencyClaim(ownerId, operation, key, SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(normalisedRequest, HashOptions)));

    private static readonly JsonSerializerOptions HashOptions = new(JsonBody.Options) { Converters = { new CanonicalDecimalConverter() } };

    /// <summary>Writes a decimal at its smallest scale (500.00 as 500): equal amounts hash alike.</summary>
    private sealed class CanonicalDecimalConverter : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.0000000000000000000000000000m);
    }

    /// <summary>Marks a response as the answer to an earlier request with the same key.</summary>
    public static void MarkReplayed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers[ReplayedHeader] = "true";
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{8,64}\z")]
    private static partial Regex SafeKey();
}
