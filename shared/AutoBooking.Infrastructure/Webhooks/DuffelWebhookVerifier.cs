using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Options;

namespace AutoBooking.Infrastructure.Webhooks;

/// <summary>
/// Verifies Duffel webhooks: <c>X-Duffel-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.raw-body"&gt;</c>
/// with the webhook secret, compared in constant time, and a 5-minute tolerance on <c>t</c> so an old
/// delivery replayed later is refused. Verify the exact bytes received, before any parsing.
/// </summary>
public sealed class DuffelWebhookVerifier(IOptions<DuffelOptions> options, TimeProvider time)
{
    public const string SignatureHeader = "X-Duffel-Signature";

    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Duffel order ids start with this; other objects (cancellations <c>ore_</c>, changes <c>aic_</c>) name theirs in <c>order_id</c>.</summary>
    private const string OrderIdPrefix = "ord_";

    public WebhookVerificationResult<DuffelWebhookEvent> Verify(string? signatureHeader, string rawBody)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        return Verify(signatureHeader, Encoding.UTF8.GetBytes(rawBody));
    }

    public WebhookVerificationResult<DuffelWebhookEvent> Verify(string? signatureHeader, ReadOnlySpan<byte> rawBody)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Rejected(WebhookVerificationStatus.NotConfigured, "Duffel:WebhookSecret is not set.");
        }
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return Rejected(WebhookVerificationStatus.MissingSignature, SignatureHeader + " is missing.");
        }
        if (!TryParse(signatureHeader, out var timestamp, out var signatures))
        {
            return Rejected(WebhookVerificationStatus.MalformedSignature, SignatureHeader + " is not t=<unix>,v1=<hex>.");
        }

        var expected = Sign(secret, timestamp, rawBody);
        // Constant time: a byte-by-byte early exit would let an attacker find the signature one byte at a time.
        if (!signatures.Any(candidate => CryptographicOperations.FixedTimeEquals(candidate, expected)))
        {
            return Rejected(WebhookVerificationStatus.InvalidSignature, "The signature does not match the body.");
        }
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (age.Duration() > Tolerance)
        {
            return Rejected(WebhookVerificationStatus.Stale, "The signature timestamp is outside the 5-minute tolerance.");
        }
        return Parse(rawBody);
    }

    /// <summary>The header value Duffel would send for <paramref name="rawBody"/> signed at <paramref name="timestamp"/>.</summary>
    public static string SignatureFor(string secret, DateTimeOffset timestamp, string rawBody)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(rawBody);
        var t = timestamp.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"t={t},v1={Convert.ToHexStringLower(Sign(secret, t, Encoding.UTF8.GetBytes(rawBody)))}");
    }

    private static byte[] Sign(string secret, long timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(payload, 0);
        rawBody.CopyTo(payload.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
    }

    /// <summary>Reads <c>t=…,v1=…</c> (several v1 entries are allowed while a secret is being rolled).</summary>
    private static bool TryParse(string header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        var haveTimestamp = false;
        foreach (var part in header.Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length != 2)
            {
                return false;
            }
            switch (pair[0])
            {
                case "t":
                    haveTimestamp = long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
                    if (!haveTimestamp)
                    {
                        return false;
                    }
                    break;
                case "v1":
                    if (pair[1].Length != 64)
                    {
                        return false;
                    }
                    try
                    {
                        signatures.Add(Convert.FromHexString(pair[1]));
                    }
                    catch (FormatException)
                    {
                        return false;
                    }
                    break;
            }
        }
        return haveTimestamp && signatures.Count > 0;
    }

    private static WebhookVerificationResult<DuffelWebhookEvent> Parse(ReadOnlySpan<byte> rawBody)
    {
        if (!WebhookEventShape.IsWellFormed(rawBody))
        {
            return Rejected(WebhookVerificationStatus.MalformedPayload, "The body is not an event: an object with id, type and data.object.");
        }
        try
        {
            var root = JsonDocument.Parse(rawBody.ToArray()).RootElement;
            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            var type = root.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(type))
            {
                return Rejected(WebhookVerificationStatus.MalformedPayload, "The event has no id or type.");
            }
            JsonElement obj = default;
            var hasObject = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out obj) && obj.ValueKind == JsonValueKind.Object;
            var objectId = hasObject && obj.TryGetProperty("id", out var objectIdElement) && objectIdElement.ValueKind == JsonValueKind.String
                ? objectIdElement.GetString() : null;
            Guid? attemptId = hasObject && obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("attempt_id", out var attempt) && attempt.ValueKind == JsonValueKind.String
                && Guid.TryParse(attempt.GetString(), out var parsed) ? parsed : null;
            // Duffel's examples disagree on what a schedule-change event carries (the order, or the airline-initiated
            // change with an order_id), so either names the order.
            var orderId = hasObject && obj.TryGetProperty("order_id", out var orderIdElement) && orderIdElement.ValueKind == JsonValueKind.String
                ? orderIdElement.GetString()
                : objectId is not null && objectId.StartsWith(OrderIdPrefix, StringComparison.Ordinal) ? objectId : null;
            var liveMode = root.TryGetProperty("live_mode", out var live) && live.ValueKind == JsonValueKind.True;
            DateTimeOffset? createdAt = root.TryGetProperty("created_at", out var created) && created.ValueKind == JsonValueKind.String
                && created.TryGetDateTimeOffset(out var at) ? at : null;
            return new WebhookVerificationResult<DuffelWebhookEvent>(WebhookVerificationStatus.Verified,
                new DuffelWebhookEvent(id, type, KindOf(type), objectId, attemptId, liveMode, createdAt, orderId), null);
        }
        catch (JsonException)
        {
            return Rejected(WebhookVerificationStatus.MalformedPayload, "The body is not JSON.");
        }
    }

    private static DuffelWebhookEventKind KindOf(string type) => type switch
    {
        "order.created" => DuffelWebhookEventKind.OrderCreated,
        "order.creation_failed" => DuffelWebhookEventKind.OrderCreationFailed,
        "order.airline_initiated_change_detected" => DuffelWebhookEventKind.AirlineInitiatedChangeDetected,
        "order_cancellation.created" => DuffelWebhookEventKind.OrderCancellationCreated,
        "order_cancellation.confirmed" => DuffelWebhookEventKind.OrderCancellationConfirmed,
        "ping.triggered" => DuffelWebhookEventKind.Ping,
        _ => DuffelWebhookEventKind.Other,
    };

    private static WebhookVerificationResult<DuffelWebhookEvent> Rejected(WebhookVerificationStatus status, string reason) =>
        new(status, null, reason);
}
